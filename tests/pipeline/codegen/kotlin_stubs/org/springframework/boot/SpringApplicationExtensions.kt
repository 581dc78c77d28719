package org.springframework.boot

import org.springframework.context.ConfigurableApplicationContext

inline fun <reified T : Any> runApplication(vararg args: String): ConfigurableApplicationContext =
    SpringApplication.run(T::class.java, *args)

inline fun <reified T : Any> runApplication(
    vararg args: String,
    init: SpringApplication.() -> Unit,
): ConfigurableApplicationContext = SpringApplication(T::class.java).apply(init).run(*args)
