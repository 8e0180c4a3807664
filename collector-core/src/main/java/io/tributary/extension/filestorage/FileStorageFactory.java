package io.tributary.extension.filestorage;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;

/** {@code file_storage}: a directory on local disk for components that keep state, e.g. a persistent sending queue. */
public final class FileStorageFactory implements ExtensionFactory<FileStorageConfig> {
    @Override
    public String type() {
        return "file_storage";
    }

    @Override
    public Class<FileStorageConfig> configType() {
        return FileStorageConfig.class;
    }

    @Override
    public FileStorageConfig defaultConfig() {
        return FileStorageConfig.DEFAULT;
    }

    @Override
    public Extension create(ComponentContext context, FileStorageConfig config) {
        return new FileStorageExtension(config);
    }
}
