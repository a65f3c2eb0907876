package dev.tasklane.gateway.hotpath;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Wraps the store's connection pool so that every statement run through it, Micronaut Data's repositories included,
 * reaches the {@link StatementCounter}. It wraps the pool itself, before Micronaut Data's contextual data source
 * wraps it in turn: Micronaut Data unwraps that one to find the data source it opens connections from, which must
 * be this one.
 */
@Singleton
@Requires(property = StatementCounter.ENABLED, value = "true")
@Order(Ordered.HIGHEST_PRECEDENCE)
final class CountingDataSources implements BeanCreatedEventListener<DataSource> {

    private final StatementCounter counter;

    CountingDataSources(StatementCounter counter) {
        this.counter = counter;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource pool = event.getBean();
        if (pool instanceof DelegatingDataSource) {
            throw new IllegalStateException("the data source was wrapped before it could be counted: " + pool);
        }
        return counting(pool);
    }

    /** {@code pool}, with every statement run through its connections counted. */
    DataSource counting(DataSource pool) {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = call(pool, method, args);
            return result instanceof Connection connection ? countingConnection(connection) : result;
        });
    }

    private Connection countingConnection(Connection connection) {
        return proxy(Connection.class, (self, method, args) -> {
            Object result = call(connection, method, args);
            if (result instanceof Statement statement) {
                String prepared = method.getName().startsWith("prepare") ? (String) args[0] : null;
                return proxy(method.getReturnType(), new CountingStatement(statement, prepared));
            }
            return result;
        });
    }

    /** Counts each run of one statement before it runs, so a run that fails counts too; a batch once, with its rows. */
    private final class CountingStatement implements InvocationHandler {

        private final Statement statement;
        private final String prepared;
        private final List<String> batch = new ArrayList<>();

        CountingStatement(Statement statement, String prepared) {
            this.statement = statement;
            this.prepared = prepared;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
            switch (method.getName()) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> counter.ran(sql, 0);
                case "executeBatch", "executeLargeBatch" -> {
                    Map<String, Integer> rows = new LinkedHashMap<>();
                    batch.forEach(text -> rows.merge(text, 1, Integer::sum));
                    rows.forEach(counter::ran);
                    batch.clear();
                }
                case "addBatch" -> batch.add(sql);
                case "clearBatch" -> batch.clear();
                default -> {
                    return call(statement, method, args);
                }
            }
            try {
                return call(statement, method, args);
            } finally {
                counter.active();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
