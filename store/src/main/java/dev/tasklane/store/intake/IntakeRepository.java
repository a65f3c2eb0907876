package dev.tasklane.store.intake;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The intake switch's table. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface IntakeRepository extends CrudRepository<IntakeRow, Integer> {
}
