package org.springframework.context;

import java.io.Closeable;

public interface ConfigurableApplicationContext extends Closeable {
    void refresh();

    boolean isActive();

    @Override
    void close();
}
