// strftime for `strftime_now`, which Llama 3 templates call for "Today Date": the C-locale directives
// (%d %b %Y %B %m %y %H %M %S %A %a %j %%), in the machine's time zone as Python's datetime.now() is.
import Foundation

enum JinjaDate {
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func format(_ date: Date, _ format: String) -> String {
        let calendar = Calendar(identifier: .gregorian)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }
        var out = "", percent = false
        for ch in format {
            guard percent else {
                if ch == "%" { percent = true } else { out.append(ch) }
                continue
            }
            percent = false
            switch ch {
            case "d": out += two(c.day)
            case "m": out += two(c.month)
            case "Y": out += String(c.year ?? 0)
            case "y": out += two((c.year ?? 0) % 100)
            case "H": out += two(c.hour)
            case "M": out += two(c.minute)
            case "S": out += two(c.second)
            case "B": out += months[(c.month ?? 1) - 1]
            case "b": out += String(months[(c.month ?? 1) - 1].prefix(3))
            case "A": out += weekdays[(c.weekday ?? 1) - 1]
            case "a": out += String(weekdays[(c.weekday ?? 1) - 1].prefix(3))
            case "j": out += String(repeating: "0", count: max(0, 3 - String(dayOfYear).count)) + String(dayOfYear)
            case "%": out += "%"
            default: out += "%" + String(ch)
            }
        }
        return out
    }
}
