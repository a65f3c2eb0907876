package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.Requires;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A bean of the Temporal worker: present in the {@code all} and {@code worker} roles, absent from a {@code gateway}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = "tasklane.role", notEquals = "gateway")
public @interface RunsWorker {
}
