package org.springframework.boot;

import org.springframework.context.ConfigurableApplicationContext;

public class SpringApplication {
    public SpringApplication(Class<?>... primarySources) {
    }

    public ConfigurableApplicationContext run(String... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static ConfigurableApplicationContext run(Class<?> primarySource, String... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static ConfigurableApplicationContext run(Class<?>[] primarySources, String[] args) {
        throw new UnsupportedOperationException("stub");
    }
}
