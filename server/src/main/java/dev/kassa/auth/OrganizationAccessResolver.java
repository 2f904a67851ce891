package dev.kassa.auth;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the organization or customer access checked by {@link AuthInterceptor} to controller methods. */
@Component
class OrganizationAccessResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return OrganizationAccess.class.equals(parameter.getParameterType())
                || CustomerAccess.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        boolean customer = CustomerAccess.class.equals(parameter.getParameterType());
        Object access = webRequest.getAttribute(customer ? AuthInterceptor.CUSTOMER_ATTRIBUTE : AuthInterceptor.ACCESS_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (access == null) {
            throw new IllegalStateException("Endpoint takes " + parameter.getParameterType().getSimpleName()
                    + " but is not annotated with @RequireScopes / @RequireCustomerSession: " + parameter.getExecutable());
        }
        return access;
    }
}
