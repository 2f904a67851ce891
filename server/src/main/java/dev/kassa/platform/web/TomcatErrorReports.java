package dev.kassa.platform.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes Tomcat report the requests it refuses before routing with {@link JsonErrorReportValve}. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

    @Bean
    TomcatContextCustomizer jsonErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        };
    }
}
