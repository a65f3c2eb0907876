package dev.tasklane.store.schedule;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Schedule definitions; every lookup a client can reach is scoped by tenant. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface ScheduleRepository extends CrudRepository<ScheduleRow, String> {

    Optional<ScheduleRow> findByTenantAndName(String tenant, String name);

    List<ScheduleRow> findByTenantOrderByName(String tenant);
}
