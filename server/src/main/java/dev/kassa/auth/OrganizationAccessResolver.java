package dev.kassa.auth;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the access checked by {@link AuthInterceptor} to controller methods. */
@Component
class OrganizationAccessResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return OrganizationAccess.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object access = webRequest.getAttribute(AuthInterceptor.ACCESS_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (access == null) {
            throw new IllegalStateException("Endpoint takes OrganizationAccess but is not annotated with @RequireScopes: "
                    + parameter.getExecutable());
        }
        return access;
    }
}
