// libFuzzer target: see docs/reliability-fuzzing.md and scripts/fuzz.sh.
// The checks live in WinnowFuzzChecks (BoilerplateFuzzCheck), shared with Tests/WinnowTests/FuzzRegressionTests.swift.
import WinnowFuzzChecks

/// Built once: the engines a check needs (not Sendable; libFuzzer calls from one thread).
nonisolated(unsafe) let check = BoilerplateFuzzCheck.make()

/// libFuzzer's entry point: checks one input, trapping with a message on a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  check.run(data, size)
}
