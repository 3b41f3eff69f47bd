import DeferscopeModel
import DeferscopeWire

extension DeferscopeModel {
    /// Moves the model's clock to an agent's now, read through `offset` (an agent's monotonic
    /// time and ours at the same moment, from its last heartbeat): between events, ages and
    /// countdowns keep moving. Returns whether the clock moved.
    mutating func advance(following offset: (agent: UInt64, local: UInt64)) -> Bool {
        let agentNow = offset.agent &+ (Posix.monotonicNanoseconds() &- offset.local)
        guard agentNow > now else { return false }
        advance(to: agentNow)
        return true
    }
}
