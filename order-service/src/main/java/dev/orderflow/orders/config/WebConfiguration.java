package dev.orderflow.orders.config;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HTTP limits that hold before any controller runs. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(OrderServiceProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/orders", "/orders/*");
        return registration;
    }
}
