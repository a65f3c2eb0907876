package dev.tasklane.workflows.lifecycle;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a request field to clients: the task-type listing and input validation are derived from it. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface PayloadField {

    /** What the field means and which values it takes. */
    String value();

    /** Whether a submission must carry the field. */
    boolean required() default false;

    /** A credential: sealed before it is stored or reaches Temporal, and redacted in every view. */
    boolean sensitive() default false;

    /**
     * For a map of request headers: every value is a credential, sealed and redacted likewise, unless its name is
     * one of the few headers known to carry none (Content-Type, Accept, User-Agent, …).
     */
    boolean headers() default false;
}
