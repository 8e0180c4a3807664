package io.tributary.receiver.prometheus;

/**
 * The service discovery sections of a scrape config most often written for a collector: accepted,
 * with no effect (a job that has only these scrapes nothing), and named in a warning at start.
 */
public record ServiceDiscovery(
        Object kubernetesSdConfigs,
        Object fileSdConfigs,
        Object httpSdConfigs,
        Object dnsSdConfigs,
        Object consulSdConfigs,
        Object ec2SdConfigs,
        Object azureSdConfigs,
        Object gceSdConfigs,
        Object dockerSdConfigs) {
    public static final ServiceDiscovery DEFAULT = new ServiceDiscovery(null, null, null, null, null, null, null, null, null);
}
