// Reward plugin in Swift: 1 when the trimmed completion equals the example's "answer" field, else 0;
// null (not applicable) when there is no answer. Build: swiftc -O rewards/examples/ExactMatch.swift -o exact_match
// Check: grpo reward test ./exact_match rewards/examples/exact_match.cases.jsonl
import Foundation

setvbuf(stdout, nil, _IOLBF, 0)  // one response per line, flushed as it is written
while let line = readLine() {
    guard let request = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let completion = request["completion"] as? String else {
        print("null")  // a request we cannot read: say "not applicable" rather than guess
        continue
    }
    guard let answer = request["answer"] as? String else {
        print("null")
        continue
    }
    let matched = completion.trimmingCharacters(in: .whitespacesAndNewlines) == answer
    let response: [String: Any] = ["reward": matched ? 1 : 0, "info": ["matched": matched]]
    let data = try JSONSerialization.data(withJSONObject: response)
    print(String(decoding: data, as: UTF8.self))
}
