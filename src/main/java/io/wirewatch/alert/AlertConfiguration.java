package io.wirewatch.alert;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    AlertStore alertStore(AlertProperties properties, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        return properties.store() == AlertProperties.StoreType.MEMORY
                ? new RecentAlertStore(properties.recentCapacity())
                : new JdbcAlertStore(jdbc, transactions);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService alertFanoutExecutor(AlertProperties properties) {
        int threads = properties.fanoutThreads() > 0 ? properties.fanoutThreads()
                : Runtime.getRuntime().availableProcessors();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads,
                Thread.ofPlatform().name("alert-fanout-", 1).daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Runs readers' history queries (each tab's first page, "load older") away from their sessions'
     * locks. Its queue holds what a crowd of tabs opening at once asks for (every tab of a restarted
     * server coming back); beyond it a reader is told the server is busy and offered to try again.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService alertHistoryExecutor() {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000),
                Thread.ofPlatform().name("alert-history-", 1).daemon().factory());
    }

    @Bean
    AlertRetention alertRetention(AlertStore store, AlertProperties properties, Clock clock) {
        return new AlertRetention(store, properties, clock);
    }

    @Bean
    AlertMetrics alertMetrics(AlertService alerts, AlertBroadcaster broadcaster) {
        return new AlertMetrics(alerts, broadcaster);
    }

    /** One virtual thread per delivery: a tab whose socket write blocks holds up only itself. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService alertDeliveryExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-delivery-", 0).factory());
    }

    @Bean
    AlertBroadcaster alertBroadcaster(ScheduledExecutorService alertFanoutExecutor,
            ExecutorService alertDeliveryExecutor, AlertProperties properties) {
        return new AlertBroadcaster(alertFanoutExecutor, alertDeliveryExecutor, properties.tabBacklog(),
                properties.minPushInterval(), properties.pushBurst());
    }
}
