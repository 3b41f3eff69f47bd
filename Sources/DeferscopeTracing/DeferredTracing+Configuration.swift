extension DeferredTracing {
    /// Which Deferreds get a span, and how much of their results a span shows.
    public struct Configuration: Sendable {
        /// Which Deferreds get a span, decided once from the label given at creation.
        public var selection: Selection
        /// Whether step and result attributes and recorded errors carry `String(describing:)` of
        /// values and errors. Off by default: values may hold secrets. When another observer (the
        /// agent) is kept, descriptions are made only if it asks for them too.
        public var describesValues: Bool
        /// Whether steps that the result passed by (a callback meeting a failure, an errback
        /// meeting a success) become span events too. Off by default: they take no time.
        public var recordsSkippedSteps: Bool

        /// Creates a configuration; the defaults trace every Deferred, without values.
        public init(selection: Selection = .all, describesValues: Bool = false, recordsSkippedSteps: Bool = false) {
            self.selection = selection
            self.describesValues = describesValues
            self.recordsSkippedSteps = recordsSkippedSteps
        }
    }

    /// Which Deferreds get a span.
    public enum Selection: Sendable {
        /// Every Deferred, labelled or not (unlabelled ones are named ``DeferredSpanNames/unlabelledOperation``).
        case all
        /// Only Deferreds that have a label.
        case labelled
        /// Only Deferreds whose label starts with the prefix (`"checkout."`).
        case labelPrefix(String)
        /// Only Deferreds for which the function returns true; it gets the label (nil when none).
        /// It runs on the creating thread for every Deferred created, so keep it cheap, and it
        /// must not use DeferredKit.
        case matching(@Sendable (_ label: String?) -> Bool)

        /// Whether a Deferred created with `label` gets a span.
        public func selects(label: String?) -> Bool {
            switch self {
            case .all: return true
            case .labelled: return label != nil
            case .labelPrefix(let prefix): return label?.hasPrefix(prefix) ?? false
            case .matching(let predicate): return predicate(label)
            }
        }
    }
}
