extension ChainRecord {
    /// The smallest record: 19 fields of at least one byte and the eight-byte `timeoutSeconds`.
    internal static let minimumEncodedSize = 27

    /// Appends the record: every field, in declaration order.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(id)
        writer.writeVarint(sequence)
        writer.writeOptionalString(label)
        writer.writeVarint(siteID)
        writer.writeVarint(createdAt)
        writer.writeU8(phase.rawValue)
        writer.writeVarint(waitingOn)
        if let outcome {
            writer.writeBool(true)
            outcome.encode(to: &writer)
        } else {
            writer.writeBool(false)
        }
        writer.writeVarint(userPauses)
        writer.writeBool(isRunning)
        writer.writeVarint(chainedTo)
        writer.writeVarint(stepsRun)
        writer.writeCount(pendingSteps.count)
        for step in pendingSteps {
            step.encode(to: &writer)
        }
        writer.writeVarint(omittedPendingSteps)
        writer.writeCount(waiters.count)
        for waiter in waiters {
            writer.writeVarint(waiter)
        }
        writer.writeVarint(omittedWaiters)
        writer.writeDouble(timeoutSeconds)
        writer.writeVarint(timeoutArmedAt)
        writer.writeBool(hasCanceller)
        writer.writeBool(everFired)
        writer.writeBool(failureTaken)
    }

    /// Reads a record.
    internal init(from reader: inout ByteReader) throws(WireError) {
        let id = try reader.readVarint("id")
        let sequence = try reader.readVarint32("sequence")
        let label = try reader.readOptionalString("label")
        let siteID = try reader.readVarint32("siteID")
        let createdAt = try reader.readVarint("createdAt")
        let phase = try reader.readEnum(Phase.self, "phase")
        let waitingOn = try reader.readVarint("waitingOn")
        let outcome = try reader.readBool("outcome") ? try WireOutcome(from: &reader) : nil
        let userPauses = try reader.readVarint32("userPauses")
        let isRunning = try reader.readBool("isRunning")
        let chainedTo = try reader.readVarint("chainedTo")
        let stepsRun = try reader.readVarint32("stepsRun")
        let pendingSteps = try reader.readList("pendingSteps", minimumElementSize: Step.minimumEncodedSize) {
            (reader: inout ByteReader) throws(WireError) in try Step(from: &reader)
        }
        let omittedPendingSteps = try reader.readVarint32("omittedPendingSteps")
        let waiters = try reader.readList("waiters") { (reader: inout ByteReader) throws(WireError) in
            try reader.readVarint("id")
        }
        let omittedWaiters = try reader.readVarint32("omittedWaiters")
        self.init(
            id: id,
            sequence: sequence,
            label: label,
            siteID: siteID,
            createdAt: createdAt,
            phase: phase,
            waitingOn: waitingOn,
            outcome: outcome,
            userPauses: userPauses,
            isRunning: isRunning,
            chainedTo: chainedTo,
            stepsRun: stepsRun,
            pendingSteps: pendingSteps,
            omittedPendingSteps: omittedPendingSteps,
            waiters: waiters,
            omittedWaiters: omittedWaiters,
            timeoutSeconds: try reader.readDouble("timeoutSeconds"),
            timeoutArmedAt: try reader.readVarint("timeoutArmedAt"),
            hasCanceller: try reader.readBool("hasCanceller"),
            everFired: try reader.readBool("everFired"),
            failureTaken: try reader.readBool("failureTaken")
        )
    }
}

extension ChainRecord.Step {
    /// The smallest step: five one-byte fields.
    internal static let minimumEncodedSize = 5

    /// Appends the step: index, kind, label, siteID, feeds.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(index)
        writer.writeU8(kindRawValue)
        writer.writeOptionalString(label)
        writer.writeVarint(siteID)
        writer.writeVarint(feeds)
    }

    /// Reads a step; its kind is kept as a raw value, known or not.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(
            index: try reader.readVarint32("index"),
            kindRawValue: try reader.readU8("kind"),
            label: try reader.readOptionalString("label"),
            siteID: try reader.readVarint32("siteID"),
            feeds: try reader.readVarint("feeds")
        )
    }
}
