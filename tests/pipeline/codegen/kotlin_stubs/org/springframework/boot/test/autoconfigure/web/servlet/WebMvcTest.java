package org.springframework.boot.test.autoconfigure.web.servlet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

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
