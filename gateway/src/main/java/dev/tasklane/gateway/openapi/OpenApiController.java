package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.config.ServesApi;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/** Serves the API's OpenAPI document to anyone, for client generators and the API page at {@code /swagger-ui/}. */
@Controller("/openapi.yml")
@Secured(SecurityRule.IS_ANONYMOUS)
@ServesApi
@Hidden
public class OpenApiController {

    static final String YAML = "application/yaml";

    private final OpenApiDocument document;

    public OpenApiController(OpenApiDocument document) {
        this.document = document;
    }

    @Get(produces = YAML)
    public String document() {
        return document.yaml();
    }
}
