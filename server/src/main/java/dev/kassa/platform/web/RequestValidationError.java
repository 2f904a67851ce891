package dev.kassa.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * 422 with a list of problems. {@code RequestValidationError} is the name Polar's framework uses for shape
 * errors (types, required fields); {@code PolarRequestValidationError} is the one its services raise for
 * business rules.
 */
public final class RequestValidationError extends ApiError {

    public static final String SHAPE = "RequestValidationError";
    public static final String SERVICE = "PolarRequestValidationError";

    private final List<ValidationProblem> problems;

    public RequestValidationError(String error, List<ValidationProblem> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, error, "Validation failed");
        this.problems = List.copyOf(problems);
    }

    public static RequestValidationError service(String type, List<Object> loc, String msg, Object input) {
        return new RequestValidationError(SERVICE, List.of(new ValidationProblem(type, loc, msg, input)));
    }

    public List<ValidationProblem> problems() {
        return problems;
    }

    @Override
    public Object body() {
        return new Body(error(), problems);
    }

    record Body(String error, List<ValidationProblem> detail) {
    }
}
