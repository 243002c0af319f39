package io.wirewatch.feed;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedProperties.class)
class FeedConfiguration {

    @Bean
    FeedHistory feedHistory(org.springframework.jdbc.core.simple.JdbcClient jdbc, Clock clock) {
        return new JdbcFeedHistory(jdbc, clock);
    }

    /** Shows as the {@code feeds} component of {@code /actuator/health}, one entry per feed. */
    @Bean
    CompositeHealthContributor feeds(FeedManager feedManager, FeedProperties properties, Clock clock) {
        return FeedObservability.healthOf(feedManager, properties.healthGrace(), clock);
    }
}
