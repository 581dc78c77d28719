package io.swagger.v3.oas.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface Operation {
    String method() default "";

    String[] tags() default {};

    String summary() default "";

    String description() default "";

    String operationId() default "";

    boolean deprecated() default false;

    boolean hidden() default false;
}
