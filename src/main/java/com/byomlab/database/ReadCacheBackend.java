package com.byomlab.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Locale;

/**
 * {@code byom.database.read-cache}: {@code auto} (the default) keeps the {@link RowCache} rows in memory on an
 * embedded H2 database (a file or in-memory database of this JVM, not an H2 server and not AUTO_SERVER, which other
 * processes reach) and reads them every time on any other; {@code memory} keeps them anyway (one instance on
 * PostgreSQL), {@code none} never. Keeping them means watching the pool's connections ({@link WatchedDataSource}).
 */
@Configuration(proxyBeanMethods = false)
class ReadCacheBackend {

    private static final Logger log = LoggerFactory.getLogger(ReadCacheBackend.class);

    enum Mode { AUTO, MEMORY, NONE }

    @Bean
    static BeanPostProcessor readCacheWatch(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource pool) || bean instanceof WatchedDataSource) {
                    return bean;
                }
                Mode mode = Binder.get(environment).bind("byom.database.read-cache", Mode.class).orElse(Mode.AUTO);
                return keep(mode, pool) ? new WatchedDataSource(pool) : bean;
            }
        };
    }

    private static boolean keep(Mode mode, DataSource pool) {
        return switch (mode) {
            case MEMORY -> true;
            case NONE -> false;
            case AUTO -> {
                try {
                    yield embeddedH2(JdbcUtils.extractDatabaseMetaData(pool, DatabaseMetaData::getURL));
                } catch (MetaDataAccessException e) {
                    log.warn("Read cache off: cannot tell which database the service uses ({})", e.getMessage());
                    yield false;
                }
            }
        };
    }

    /** In this JVM alone: {@code jdbc:h2:file:}, {@code jdbc:h2:mem:} or a bare path, without AUTO_SERVER. */
    static boolean embeddedH2(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return false;
        }
        String u = url.toLowerCase(Locale.ROOT);
        return !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:") && !u.startsWith("jdbc:h2:zip:")
                && !u.replace(" ", "").contains("auto_server=true");
    }
}
