package org.springframework.boot.webmvc.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Spring Boot 4 moved the MVC test slice out of spring-boot-test-autoconfigure into the
// spring-boot-webmvc-test module (starter spring-boot-starter-webmvc-test), under this package.
// includeFilters/excludeFilters are left out: they need ComponentScan.Filter and no template uses
// them, so a template that did would fail here rather than pass wrongly.
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WebMvcTest {
    String[] properties() default {};

    Class<?>[] value() default {};

    Class<?>[] controllers() default {};

    boolean useDefaultFilters() default true;

    Class<?>[] excludeAutoConfiguration() default {};
}
