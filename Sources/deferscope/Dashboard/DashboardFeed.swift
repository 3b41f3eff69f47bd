import DeferscopeModel
import DeferscopeUI
import DeferscopeWire

/// Where the dashboard's picture comes from: a live process or a recording.
protocol DashboardFeed {
    /// The picture now.
    var model: DeferscopeModel { get }
    /// What the header says.
    var status: ConnectionStatus { get }
    /// Waits up to `timeout` seconds for news; true when the picture changed.
    mutating func update(timeout: Double) -> Bool
    /// Carries out a command; returns a message for the footer, if any.
    mutating func perform(_ command: DashboardCommand) -> String?
    /// A message that arrived on its own (a command's reply), taken once.
    mutating func takeMessage() -> String?
}
