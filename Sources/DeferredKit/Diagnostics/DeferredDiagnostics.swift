import Logging
import Synchronization

/// Where DeferredKit reports failures that nobody handled.
public enum DeferredDiagnostics {
    /// Sends reports of unhandled failures to `handler`; nil restores the default, which logs
    /// "Unhandled error in Deferred" at error level through swift-log (`Logger(label: "DeferredKit")`).
    ///
    /// The handler runs on the thread that released the chain, with no DeferredKit lock held. A
    /// report is made once per chain.
    public static func setUnhandledErrorHandler(_ handler: (@Sendable (UnhandledError) -> Void)?) {
        // The old handler is released after the lock is dropped.
        let previous = _unhandledErrorHandler.withLock { slot in
            let previous = slot
            slot = handler
            return previous
        }
        _ = previous
    }

    /// Hands one report to the handler, or logs it.
    static func _report(_ report: UnhandledError) {
        if let handler = _unhandledErrorHandler.withLock({ $0 }) {
            handler(report)
            return
        }
        // Made per report, so that a logging backend bootstrapped after DeferredKit was first used
        // still receives these reports.
        let logger = Logger(label: "DeferredKit")
        var metadata: Logger.Metadata = [
            "deferred": "\(report.id)",
            "error.type": "\(_typeName(type(of: report.error), qualified: false))",
            "error": "\(report.error)",
            "created.at": "\(report.createdAt)",
        ]
        if let label = report.label {
            metadata["label"] = "\(label)"
        }
        logger.error("Unhandled error in Deferred", metadata: metadata)
    }
}

/// The handler installed with `setUnhandledErrorHandler`, if any.
let _unhandledErrorHandler = _Lock<(@Sendable (UnhandledError) -> Void)?>(nil)
