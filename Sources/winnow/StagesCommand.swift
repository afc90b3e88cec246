import ArgumentParser
import Winnow

/// `winnow stages`: the registered stages and their options.
struct StagesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stages", abstract: "List the pipeline stages and their options.")

  @Flag(name: .long, help: "Print the default pipeline as JSON instead.")
  var defaultPipeline = false

  func run() throws {
    if defaultPipeline {
      print(String(decoding: PipelineConfiguration.default.serializedJSON(), as: UTF8.self))
      return
    }
    for d in StageRegistry.shared.descriptors {
      print("\(d.name)\n  \(d.summary)")
      for o in d.options {
        var line = "  \(o.name) (\(o.type)"
        if let v = o.defaultValue { line += ", default \(v)" }
        line += "): \(o.help)"
        print(line)
      }
      print("")
    }
  }
}
