package io.tributary.core.component;

/** Accepts traces from the network and passes them to the consumer it was created with. */
public interface Receiver extends Component {
}
