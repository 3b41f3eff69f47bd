import DeferredKit

/// The observer the agent installs: every event goes into the buffer, nothing else happens on the
/// app's thread.
final class AgentObserver: DeferredObserver {
    let buffer: EventBuffer
    let wantsValueDescriptions: Bool

    init(buffer: EventBuffer, includeValues: Bool) {
        self.buffer = buffer
        self.wantsValueDescriptions = includeValues
    }

    func observe(_ event: DeferredEvent) {
        buffer.append(event)
    }
}
