/// The identity of one chain. Every handle onto a chain (the one you created and those the `add…`
/// methods return) has the same id. Ids are unique for the life of the process and increase in
/// creation order.
public struct DeferredID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number behind the id.
    public let rawValue: UInt64

    /// Creates an id from its number.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// `#12`.
    public var description: String { "#\(rawValue)" }

    /// Orders ids by creation.
    public static func < (lhs: DeferredID, rhs: DeferredID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
