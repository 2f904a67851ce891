package dev.kassa.platform.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request so that the client hears about all of them in one 422. */
public final class ValidationErrors {

    private final List<ValidationProblem> problems = new ArrayList<>();

    public void add(String type, List<Object> loc, String msg, Object input) {
        problems.add(new ValidationProblem(type, loc, msg, input));
    }

    public void addAll(List<ValidationProblem> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** Shape errors: wrong types, missing fields. */
    public void throwIfAny() {
        throwIfAny(RequestValidationError.SHAPE);
    }

    /** Business-rule errors raised by a service. */
    public void throwIfAnyFromService() {
        throwIfAny(RequestValidationError.SERVICE);
    }

    private void throwIfAny(String name) {
        if (!problems.isEmpty()) {
            throw new RequestValidationError(name, problems);
        }
    }
}
