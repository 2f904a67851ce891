package dev.kassa.platform.web;

import java.util.List;

/** One item of a 422 body, in pydantic's shape: {@code {type, loc, msg, input}}. */
public record ValidationProblem(String type, List<Object> loc, String msg, Object input) {
    public ValidationProblem {
        loc = List.copyOf(loc);
    }
}
