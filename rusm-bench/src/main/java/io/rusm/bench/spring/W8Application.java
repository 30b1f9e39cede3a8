package io.rusm.bench.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The W8 application: the starter's auto-configuration and the three ledgers, nothing scanned.
 * Whether it serves HTTP (through {@link LedgerController}) is the caller's choice of web
 * application type.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ HandlerLedger.class, PlainLedger.class, SynchronizedLedger.class, LedgerController.class })
public class W8Application {

    /** Spring Boot's properties every W8 run sets: quiet, loopback only, virtual threads like the sample. */
    static final String[] PROPERTIES = { "server.address=127.0.0.1", "server.port=0",
        "spring.threads.virtual.enabled=true", "rusm.log.level=off", "spring.main.banner-mode=off",
        "logging.level.root=warn" };

    /** Created by Spring. */
    public W8Application() {
    }
}
