package io.wirewatch.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    static final int AUDIT_CAPACITY = 1_000;

    @Bean
    AuditTrail auditTrail() {
        return new AuditTrail(AUDIT_CAPACITY);
    }
}
