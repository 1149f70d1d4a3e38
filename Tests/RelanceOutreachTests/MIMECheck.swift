import Foundation

/// Parses `.eml` files with Python's `email` package (strict policy) and reports what it saw.
enum MIMECheck {
    static let script = #"""
import email, json, sys
from email import policy
out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=policy.strict)
    defects = len(msg.defects)
    parts, text, html = [], '', ''
    for part in msg.iter_parts():
        defects += len(part.defects)
        parts.append(part.get_content_type())
        if part.get_content_type() == 'text/plain': text = part.get_content()
        if part.get_content_type() == 'text/html': html = part.get_content()
        assert part.get_content_charset() == 'utf-8'
        assert part['Content-Transfer-Encoding'] == 'quoted-printable'
    to = msg['To']
    out.append({'defects': defects, 'type': msg.get_content_type(), 'parts': parts, 'subject': str(msg['Subject']),
                'message_id': str(msg['Message-ID']), 'mime_version': str(msg['MIME-Version']), 'date': str(msg['Date']),
                'text': text, 'html': html, 'to_ok': len(to.addresses) == 1 and '@' in to.addresses[0].addr_spec,
                'max_line': max(len(l) for l in raw.split(b'\r\n'))})
print(json.dumps(out))
"""#

    static func python() -> String? {
        for p in ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return nil
    }

    static func run(python: String, files: [String]) throws -> [[String: Any]] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", script] + files
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }
}
