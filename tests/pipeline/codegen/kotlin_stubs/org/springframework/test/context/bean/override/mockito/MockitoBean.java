package org.springframework.test.context.bean.override.mockito;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target({ElementType.FIELD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MockitoBean {
    String value() default "";

    String name() default "";

    Class<?>[] types() default {};

    String contextName() default "";

    Class<?>[] extraInterfaces() default {};

    boolean serializable() default false;
}
