package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.Requires;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A bean of the HTTP API: present in the {@code all} and {@code gateway} roles, absent from a {@code worker}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = "tasklane.role", notEquals = "worker")
public @interface ServesApi {
}
