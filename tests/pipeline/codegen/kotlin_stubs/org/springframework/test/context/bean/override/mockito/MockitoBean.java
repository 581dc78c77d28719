package org.springframework.test.context.bean.override.mockito;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mockito.Answers;

// Spring Framework's replacement for Spring Boot's @MockBean, which Boot 4 removed.
@Target({ElementType.FIELD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(MockitoBeans.class)
public @interface MockitoBean {
    String value() default "";

    String name() default "";

    Class<?>[] types() default {};

    String contextName() default "";

    Class<?>[] extraInterfaces() default {};

    Answers answers() default Answers.RETURNS_DEFAULTS;

    boolean serializable() default false;

    MockReset reset() default MockReset.AFTER;

    boolean enforceOverride() default false;
}
