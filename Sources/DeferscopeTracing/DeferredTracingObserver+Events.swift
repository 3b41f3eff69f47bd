import DeferredKit
import Tracing

extension DeferredTracingObserver {
    /// `created`: starts the span, as a child of the creating task's context. Its attributes are
    /// built only if it records.
    func start(_ event: DeferredEvent) {
        guard configuration.selection.selects(label: event.label) else { return }
        let parent = ServiceContext.current ?? .topLevel
        let site = event.site
        let span = tracer.startSpan(
            event.label ?? DeferredSpanNames.unlabelledOperation,
            context: parent,
            ofKind: .internal,
            at: DefaultTracerClock.now,
            function: "",
            file: site.fileID,
            line: UInt(site.line)
        )
        let isRecording = span.isRecording
        if isRecording {
            span.updateAttributes { attributes in
                attributes.reserveCapacity(attributes.count + 6)
                attributes.set(DeferredSpanNames.id, value: .int64(Int64(truncatingIfNeeded: event.id.rawValue)))
                if let label = event.label {
                    attributes.set(DeferredSpanNames.label, value: .string(label))
                }
                if site.isKnown {
                    attributes.set(DeferredSpanNames.codeFilePath, value: .string(site.fileID))
                    attributes.set(DeferredSpanNames.codeLineNumber, value: .int64(Int64(site.line)))
                }
                attributes.set(DeferredSpanNames.threadID, value: .int64(Int64(truncatingIfNeeded: event.thread)))
            }
        }
        table.insert(_TracedChain(id: event.id, span: span, isRecording: isRecording))
    }

    /// Every event between `created` and `released`, on a span that records.
    func record(_ event: DeferredEvent, on chain: _TracedChain) {
        let span = chain.span
        switch event.kind {
        case .stepAdded:
            if let label = event.label {
                chain.pendingStepLabels[event.stepIndex] = label
            }
        case .stepRan:
            recordStep(event, on: chain)
        case .fired:
            chain.lastResultNanoseconds = DefaultTracerClock.now.nanosecondsSinceEpoch
            var attributes = outcomeAttributes(event.outcome, room: event.other == nil ? 0 : 1)
            if let other = event.other {
                attributes.set(DeferredSpanNames.otherID, value: .int64(Int64(truncatingIfNeeded: other.rawValue)))
                link(span, to: other, relation: DeferredSpanNames.relationFiredBy)
            }
            span.addEvent(SpanEvent(name: DeferredSpanNames.firedEvent, attributes: attributes))
        case .waiting:
            chain.waitingSince = DeferredInstrumentation.now()
            var attributes: SpanAttributes = [:]
            if let other = event.other {
                attributes.set(DeferredSpanNames.otherID, value: .int64(Int64(truncatingIfNeeded: other.rawValue)))
            }
            span.addEvent(SpanEvent(name: DeferredSpanNames.waitingEvent, attributes: attributes))
        case .resumed:
            chain.lastResultNanoseconds = DefaultTracerClock.now.nanosecondsSinceEpoch
            var attributes = outcomeAttributes(event.outcome, room: 2)
            if let other = event.other {
                attributes.set(DeferredSpanNames.otherID, value: .int64(Int64(truncatingIfNeeded: other.rawValue)))
            }
            if let since = chain.waitingSince {
                let waited = DeferredInstrumentation.now() &- since
                attributes.set(
                    DeferredSpanNames.waitDurationNanoseconds,
                    value: .int64(Int64(truncatingIfNeeded: waited))
                )
                chain.waitingSince = nil
            }
            span.addEvent(SpanEvent(name: DeferredSpanNames.resumedEvent, attributes: attributes))
        case .paused:
            span.addEvent(SpanEvent(name: DeferredSpanNames.pausedEvent, attributes: siteAttributes(event.site)))
        case .unpaused:
            span.addEvent(SpanEvent(name: DeferredSpanNames.unpausedEvent, attributes: siteAttributes(event.site)))
        case .cancelled:
            var attributes = siteAttributes(event.site, room: 2)
            if event.flags.contains(.fromMonitor) {
                attributes.set(DeferredSpanNames.fromMonitor, value: .bool(true))
            }
            if let other = event.other {
                attributes.set(DeferredSpanNames.otherID, value: .int64(Int64(truncatingIfNeeded: other.rawValue)))
            }
            span.attributes.set(DeferredSpanNames.cancelled, value: .bool(true))
            span.addEvent(SpanEvent(name: DeferredSpanNames.cancelledEvent, attributes: attributes))
        case .timeoutArmed:
            span.attributes.set(DeferredSpanNames.timeoutSeconds, value: .double(event.timeoutSeconds))
        case .timedOut:
            span.attributes.set(DeferredSpanNames.timedOut, value: .bool(true))
            span.addEvent(
                SpanEvent(
                    name: DeferredSpanNames.timedOutEvent,
                    attributes: [DeferredSpanNames.timeoutSeconds: .double(event.timeoutSeconds)]
                )
            )
        case .alreadyCalled:
            span.addEvent(SpanEvent(name: DeferredSpanNames.alreadyCalledEvent, attributes: siteAttributes(event.site)))
        case .unhandledFailure:
            span.attributes.set(DeferredSpanNames.unhandledFailure, value: .bool(true))
        case .created, .released:
            break
        }
    }

    /// `stepRan`: one span event at the moment the step started, with its duration.
    private func recordStep(_ event: DeferredEvent, on chain: _TracedChain) {
        let label = chain.pendingStepLabels.removeValue(forKey: event.stepIndex)
        let now = DefaultTracerClock.now.nanosecondsSinceEpoch
        chain.lastResultNanoseconds = now
        let skipped = event.flags.contains(.skipped)
        if !skipped {
            chain.stepsRun += 1
        }
        guard !skipped || configuration.recordsSkippedSteps else { return }
        let kind = event.stepKind?.description ?? "step"
        let returned = event.flags.contains(.returnedDeferred) ? event.other : nil
        // Room for every attribute below at once: a dictionary grown one key at a time rehashes
        // all its keys at each doubling, and that was most of a traced step's cost.
        let room = 3 + (label == nil ? 0 : 1) + (skipped ? 1 : 0) + (returned == nil ? 0 : 1)
        var attributes = outcomeAttributes(event.outcome, room: room)
        attributes.set(DeferredSpanNames.stepIndex, value: .int64(Int64(event.stepIndex)))
        attributes.set(DeferredSpanNames.stepKind, value: .string(kind))
        if let label {
            attributes.set(DeferredSpanNames.stepLabel, value: .string(label))
        }
        attributes.set(
            DeferredSpanNames.stepDurationNanoseconds,
            value: .int64(Int64(truncatingIfNeeded: event.duration))
        )
        if skipped {
            attributes.set(DeferredSpanNames.stepSkipped, value: .bool(true))
        }
        if let other = returned {
            attributes.set(DeferredSpanNames.otherID, value: .int64(Int64(truncatingIfNeeded: other.rawValue)))
            // Linked here rather than at `waiting`: an inner that already had its result is taken
            // at once, with no wait, and the chain still continued with its result.
            link(chain.span, to: other, relation: DeferredSpanNames.relationWaitedOn)
        }
        let started = DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: now &- min(now, event.duration))
        chain.span.addEvent(SpanEvent(name: label ?? kind, at: started, attributes: attributes))
    }

    /// `released`: the final result on the span, then its end (only the end, if it does not record).
    func finish(_ chain: _TracedChain, _ event: DeferredEvent) {
        let span = chain.span
        guard chain.isRecording else {
            span.end()
            return
        }
        let end = chain.lastResultNanoseconds.map { DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: $0) }
        span.updateAttributes { attributes in
            attributes.set(DeferredSpanNames.stepsRun, value: .int64(Int64(chain.stepsRun)))
            if let outcome = event.outcome {
                attributes.set(DeferredSpanNames.outcome, value: .string(_TypeNames.describe(outcome)))
            } else {
                attributes.set(DeferredSpanNames.neverFired, value: .bool(true))
            }
        }
        if let outcome = event.outcome, outcome.isFailure {
            let failure = DeferredFailure(
                typeName: _TypeNames.name(outcome),
                errorDescription: configuration.describesValues ? outcome.valueDescription : nil
            )
            var attributes: SpanAttributes = ["exception.type": .string(failure.typeName)]
            if let message = failure.errorDescription {
                attributes.set("exception.message", value: .string(message))
            }
            span.recordError(failure, attributes: attributes, at: end ?? DefaultTracerClock.now)
            span.setStatus(SpanStatus(code: .error, message: failure.typeName))
        }
        span.end(at: end ?? DefaultTracerClock.now)
    }

    /// A link from `span` to the span of `other`, when `other` is traced.
    private func link(_ span: any Span, to other: DeferredID, relation: String) {
        guard let target = table.chain(other) else { return }
        span.addLink(
            SpanLink(context: target.span.context, attributes: [DeferredSpanNames.relation: .string(relation)])
        )
    }

    /// The result's attributes, with room for `room` more.
    private func outcomeAttributes(_ outcome: OutcomeSummary?, room: Int) -> SpanAttributes {
        let description = configuration.describesValues ? outcome?.valueDescription : nil
        var attributes = Self.emptyAttributes(room: room + (outcome == nil ? 0 : 1) + (description == nil ? 0 : 1))
        guard let outcome else { return attributes }
        attributes.set(DeferredSpanNames.eventOutcome, value: .string(_TypeNames.describe(outcome)))
        if let description {
            attributes.set(DeferredSpanNames.eventOutcomeDescription, value: .string(description))
        }
        return attributes
    }

    /// The call site's attributes, with room for `room` more.
    private func siteAttributes(_ site: CallSite, room: Int = 0) -> SpanAttributes {
        var attributes = Self.emptyAttributes(room: room + (site.isKnown ? 2 : 0))
        if site.isKnown {
            attributes.set(DeferredSpanNames.codeFilePath, value: .string(site.fileID))
            attributes.set(DeferredSpanNames.codeLineNumber, value: .int64(Int64(site.line)))
        }
        return attributes
    }

    /// No attributes yet, with room for `room` without growing.
    private static func emptyAttributes(room: Int) -> SpanAttributes {
        var attributes = SpanAttributes([:])
        if room > 0 {
            attributes.reserveCapacity(room)
        }
        return attributes
    }
}
