package dev.kassa.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public final class JsonBodyResolver implements HandlerMethodArgumentResolver {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(JsonBody.class) && JsonNode.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        byte[] bytes = LimitedBody.read(request, MAX_BODY_BYTES);
        if (isBlank(bytes)) {
            throw new RequestValidationError(RequestValidationError.SHAPE,
                    List.of(new ValidationProblem("missing", List.of("body"), "Field required", null)));
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            long offset = location == null ? 0 : Math.max(0, location.getCharOffset());
            throw new RequestValidationError(RequestValidationError.SHAPE, List.of(new ValidationProblem(
                    "json_invalid", List.of("body", offset), "JSON decode error", Map.of())));
        }
        ValidationProblem problem = JsonBodyChecks.firstProblem(body);
        if (problem != null) {
            throw new RequestValidationError(RequestValidationError.SHAPE, List.of(problem));
        }
        return body;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
