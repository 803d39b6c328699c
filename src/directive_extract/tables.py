"""Reference tables from Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW, as data.

Rules elsewhere read these tables; no list of names or codes lives inside a regex.
Keys are matching keys (see `normalize.key`): lower case, new-style tone placement.
"""

from __future__ import annotations

# Type name (matching key) → official code. State (NĐ 30, Phụ lục III) and Party (HD 36) merged;
# where the two differ the state code wins and the Party variants are listed in TYPE_CODE_ALIASES.
DOCUMENT_TYPES: dict[str, str] = {
    "nghị quyết": "NQ", "quyết định": "QĐ", "chỉ thị": "CT", "quy chế": "QC", "quy định": "QyĐ",
    "thông cáo": "TC", "thông báo": "TB", "hướng dẫn": "HD", "chương trình": "CTr",
    "kế hoạch": "KH", "phương án": "PA", "đề án": "ĐA", "dự án": "DA", "báo cáo": "BC",
    "biên bản": "BB", "tờ trình": "TTr", "hợp đồng": "HĐ", "công văn": "CV", "công điện": "CĐ",
    "bản ghi nhớ": "BGN", "bản thỏa thuận": "BTT", "giấy ủy quyền": "GUQ", "giấy mời": "GM",
    "giấy mời họp": "GM", "giấy giới thiệu": "GGT", "giấy nghỉ phép": "GNP", "phiếu gửi": "PG",
    "phiếu chuyển": "PC", "phiếu báo": "PB", "kết luận": "KL", "thông tri": "TT",
    "quy trình": "QTr", "thư công": "TCg",
}

# Official display name per code (the first, most usual reading).
TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QyĐ": "Quy định",
    "QĐi": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án",
    "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng", "CV": "Công văn",
    "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển", "PB": "Phiếu báo", "KL": "Kết luận", "TT": "Thông tri",
    "QTr": "Quy trình", "TCg": "Thư công",
}

# Codes as printed in symbols (upper-cased key) → canonical code. OCR and Party variants included.
TYPE_CODE_ALIASES: dict[str, str] = {code.upper(): code for code in TYPE_NAMES}
TYPE_CODE_ALIASES.update({"QĐI": "QĐi", "QYĐ": "QyĐ", "TTR": "TTr", "CTR": "CTr", "QD": "QĐ",
                          "DA": "DA", "ĐA": "ĐA"})
# A bare "TT" in a state symbol is a Thông tư (legal normative document).
LEGAL_TYPES: dict[str, str] = {
    "luật": "Luật", "bộ luật": "Bộ luật", "nghị định": "Nghị định", "thông tư": "Thông tư",
    "thông tư liên tịch": "Thông tư liên tịch", "pháp lệnh": "Pháp lệnh", "hiến pháp": "Hiến pháp",
    "văn bản": "Văn bản", "điện": "Công điện", "văn bản hợp nhất": "Văn bản hợp nhất",
}

# Signature authority marks: printed form (key, without spaces) → canonical mark.
AUTHORITY_MARKS: dict[str, str] = {
    "tm.": "TM", "t/m": "TM", "tm": "TM",
    "kt.": "KT", "k/t": "KT", "kt": "KT",
    "tl.": "TL", "t/l": "TL", "tl": "TL",
    "tuq.": "TUQ", "t/uq": "TUQ", "tuq": "TUQ",
    "q.": "Q", "q": "Q",
}

# The two national headings that sit top right and are never the issuer.
NATIONAL_HEADINGS: tuple[str, ...] = (
    "cộng hòa xã hội chủ nghĩa việt nam",
    "độc lập - tự do - hạnh phúc",
    "đảng cộng sản việt nam",
)

# Words that open a unit (agency, body, office) name.  Longest first when matching.
UNIT_HEADS: tuple[str, ...] = (
    "ủy ban mặt trận tổ quốc việt nam", "ủy ban mặt trận tổ quốc", "mặt trận tổ quốc việt nam",
    "mặt trận tổ quốc", "ủy ban nhân dân", "hội đồng nhân dân", "ủy ban kiểm tra",
    "ban thường vụ", "ban chấp hành", "ban chỉ đạo", "ban tuyên giáo", "ban tổ chức",
    "ban dân vận", "ban nội chính", "ban xây dựng đảng", "ban quản lý", "ban công tác",
    "đảng ủy", "đảng bộ", "đảng đoàn", "ban cán sự đảng", "ban cán sự", "chi bộ", "chi ủy", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy",
    "thị ủy", "cấp ủy", "các cấp ủy", "tổ chức đảng", "các tổ chức đảng",
    "văn phòng", "thanh tra", "công an", "bộ chỉ huy quân sự", "ban chỉ huy quân sự",
    "ban chỉ huy", "quân sự", "kho bạc nhà nước", "kho bạc", "chi cục", "cục", "tổng cục",
    "trung tâm", "phòng", "sở", "bộ", "ban", "ủy ban", "hội đồng", "viện", "trường",
    "bệnh viện", "đài", "báo", "tòa án nhân dân", "viện kiểm sát nhân dân", "liên đoàn lao động",
    "đoàn thanh niên", "đoàn tncs hồ chí minh", "hội liên hiệp phụ nữ", "hội phụ nữ",
    "hội nông dân", "hội cựu chiến binh", "hội", "đoàn", "tiểu ban", "tổ công tác", "tổ",
    "bộ phận", "công ty", "doanh nghiệp", "ngân hàng", "chi nhánh", "bảo hiểm xã hội",
    "thường trực", "lãnh đạo", "chủ tịch", "phó chủ tịch", "giám đốc", "chánh văn phòng",
    "thủ trưởng", "trưởng", "người đứng đầu",
    "ubnd", "hđnd", "ubmttq", "ubmttqvn", "mttq", "ubkt", "btv", "bch", "bcđ", "vp",
    "các cơ quan", "các đơn vị", "các sở", "các phòng", "các ban", "các đoàn thể",
    "các tổ chức chính trị - xã hội", "các tổ chức", "các chi bộ", "các đảng bộ", "các xã",
    "các phường", "các địa phương", "cơ quan", "đơn vị", "địa phương",
)

# Administrative levels; after one of these a capitalised place name may follow.
ADMIN_LEVELS: tuple[str, ...] = (
    "thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường",
    "trung ương", "tp.",
)

# Lower-case words that may continue a unit name ("Phòng Văn hóa và Thông tin", "… các xã, phường").
UNIT_CONTINUATION: frozenset[str] = frozenset(
    "và các của thuộc trực thuộc cấp liên quan huyện xã phường tỉnh thành phố thị trấn quận "
    "thị đặc khu nhân dân chính trị - xã hội đoàn thể ủy đảng việt nam tổ quốc ban ngành "
    "chuyên môn tham mưu giúp việc cơ quan đơn vị hành chính sự nghiệp nhà nước".split()
)

# Abbreviations expanded for matching and for names (e.g. issuer "UBND thành phố").
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc", "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "BTV": "Ban Thường vụ", "BCH": "Ban Chấp hành", "BCĐ": "Ban Chỉ đạo", "ĐU": "Đảng ủy",
    "TU": "Tỉnh ủy", "HU": "Huyện ủy", "VP": "Văn phòng", "UBKT": "Ủy ban Kiểm tra",
    "TW": "Trung ương", "TP": "Thành phố", "VN": "Việt Nam", "LĐVP": "Lãnh đạo Văn phòng",
}

# Party bodies: an issuer naming one of these is in the Party system.
PARTY_MARKERS: tuple[str, ...] = (
    "đảng ủy", "đảng bộ", "chi bộ", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy",
    "ban thường vụ", "ban chấp hành trung ương", "ban tuyên giáo", "ban dân vận", "ban tổ chức",
    "ban nội chính", "ủy ban kiểm tra", "ban xây dựng đảng", "văn phòng trung ương đảng",
    "đại hội đại biểu", "đảng đoàn", "ban cán sự",
)
# A Party committee, and the advisory organs that belong to one: "TỈNH ỦY X" over "BAN TUYÊN GIÁO"
# is the "Ban Tuyên giáo Tỉnh ủy X" (Hướng dẫn 36-HD/VPTW: the organ's name under its committee's).
LOCAL_COMMITTEES: tuple[str, ...] = ("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy")  # a place follows
PARTY_COMMITTEES: tuple[str, ...] = (*LOCAL_COMMITTEES, "đảng ủy", "ban chấp hành trung ương")
PARTY_ORGANS: tuple[str, ...] = (
    "ban tuyên giáo", "ban dân vận", "ban tổ chức", "ban nội chính", "ban kinh tế", "ban xây dựng đảng",
    "ban tuyên giáo và dân vận", "ủy ban kiểm tra", "văn phòng", "trường chính trị", "ban bảo vệ",
)
STATE_MARKERS: tuple[str, ...] = (
    "ủy ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "sở ", "bộ ", "chính phủ",
    "thủ tướng", "phòng ", "cục ", "tổng cục", "chi cục", "quốc hội", "văn phòng ubnd",
    "văn phòng ủy ban", "kho bạc", "thanh tra",
)

# Verbs that follow the issuer where the document names itself in its opening or closing
# ("Ban Thường vụ Đảng ủy … đề nghị", "UBND thành phố xây dựng kế hoạch").
ISSUER_VERBS: tuple[str, ...] = (
    "đề nghị", "yêu cầu", "xây dựng kế hoạch", "xây dựng", "ban hành", "thông báo", "hướng dẫn",
    "quyết định", "chỉ đạo", "triển khai", "báo cáo", "quy định", "kết luận", "trân trọng",
    "kính đề nghị", "đề ra", "giao",
)

# Openings of a legal basis at the start of a paragraph (matching keys).
LEGAL_BASIS_OPENINGS: tuple[str, ...] = (
    "căn cứ", "thực hiện", "xét đề nghị", "theo đề nghị", "trả lời", "triển khai thực hiện",
    "theo chỉ đạo", "thực hiện ý kiến", "theo", "tiếp theo",
)

# Headings of the section that assigns units their tasks.
RESPONSIBILITY_HEADINGS: tuple[str, ...] = (
    "tổ chức thực hiện", "phân công nhiệm vụ", "phân công thực hiện", "trách nhiệm thực hiện",
    "phân công trách nhiệm", "nhiệm vụ của các cơ quan", "trách nhiệm của các cơ quan",
)

# How the closing paragraph after the last section opens: it belongs to no section's tasks.
CLOSING_PHRASES: tuple[str, ...] = (
    "trong quá trình thực hiện", "trong quá trình triển khai", "quá trình triển khai thực hiện",
    "nhận được công văn này", "đề nghị các đơn vị nghiêm túc", "trên đây là",
)

# Distribution notes in parentheses ("(b/c)", "(để biết)") → readable note.
DISTRIBUTION_NOTES: dict[str, str] = {
    "b/c": "báo cáo", "để b/c": "báo cáo", "đề b/c": "báo cáo", "báo cáo": "báo cáo",
    "để báo cáo": "báo cáo", "để biết": "để biết", "đ/b": "để biết", "t/h": "thực hiện",
    "để thực hiện": "thực hiện", "thực hiện": "thực hiện", "để đăng tải": "đăng tải",
    "để chỉ đạo": "chỉ đạo", "để phối hợp": "phối hợp", "p/h": "phối hợp", "để theo dõi": "theo dõi",
    "e-copy": "bản điện tử", "bản điện tử": "bản điện tử",
}

# Vietnamese number words used in labels ("Đợt một", "Giai đoạn hai").
NUMBER_WORDS: dict[str, int] = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "nhất": 1,
}

# Phase words ("Đợt 1", "Giai đoạn 2", "Bước 3").
PHASE_WORDS: tuple[str, ...] = ("đợt", "giai đoạn", "bước")

# Words that describe an anniversary or a meeting in an event's text.
EVENT_KINDS: dict[str, str] = {
    "kỷ niệm": "anniversary", "năm ngày": "anniversary", "ngày thành lập": "anniversary",
    "hội nghị": "meeting", "họp": "meeting", "đại hội": "meeting", "hội thảo": "meeting",
    "tọa đàm": "meeting", "mít tinh": "meeting", "giao ban": "meeting", "tổng kết": "meeting",
    "sơ kết": "meeting", "lễ ra quân": "meeting", "khai mạc": "meeting", "bế mạc": "meeting",
    "trước ngày": "deadline", "chậm nhất": "deadline", "hạn chót": "deadline", "trước thời điểm": "deadline",
    "hoàn thành trước": "deadline", "trước tháng": "deadline",
}

# Title words capitalised in positions ("Phó Bí thư Thường trực", "Phó Chủ tịch").
TITLE_WORDS: tuple[str, ...] = (
    "phó", "bí thư", "chủ tịch", "thường trực", "giám đốc", "trưởng ban", "chánh văn phòng",
    "chánh", "trưởng", "tổng", "bộ trưởng", "thứ trưởng", "thủ tướng", "chủ nhiệm", "viện trưởng",
    "chánh án", "cục trưởng", "vụ trưởng", "hiệu trưởng", "ủy viên", "thư ký", "kế toán trưởng",
    "tổng giám đốc", "trưởng phòng", "chủ tọa", "chủ trì", "người ghi biên bản",
)

# Lower-case words that end a unit name in running text: the verb or preposition that follows it
# ("Phòng Văn hóa – Xã hội kết hợp với …", "Công an thành phố theo dõi …").
UNIT_NAME_STOPS: frozenset[str] = frozenset({
    "kết hợp", "phối hợp", "chủ trì", "tham mưu", "theo dõi", "bám sát", "tiếp tục", "có trách nhiệm",
    "chịu trách nhiệm", "thực hiện", "triển khai", "tổ chức", "xây dựng", "chỉ đạo", "hướng dẫn",
    "định hướng", "đề nghị", "căn cứ", "chủ động", "đôn đốc", "kiểm tra", "rà soát", "phát động",
    "quán triệt", "tuyên truyền", "nắm bắt", "nắm chắc", "cung cấp", "bố trí", "tăng cường",
    "đẩy mạnh", "phát huy", "lựa chọn", "báo cáo", "tập trung", "nghiên cứu", "tiếp nhận", "quản lý",
    "phụ trách", "hỗ trợ", "thông báo", "ban hành", "yêu cầu", "đảm bảo", "bảo đảm", "duy trì",
    "kịp thời", "khẩn trương", "nghiêm túc", "thường xuyên", "giám sát", "vận động", "phổ biến",
    "biên tập", "đăng tải", "hoàn thành", "trình", "gửi", "lập", "làm", "giúp", "sớm", "nắm",
    "có", "chịu", "là", "được", "phải", "cần", "sẽ", "đã", "để", "theo", "tại", "về", "trong",
    "với", "cho", "nhằm", "khi", "nếu", "đến", "từ", "trên", "vào", "do", "bằng", "thì", "mà",
    "nhưng", "hoặc", "gồm", "như", "dự", "tham gia", "xem xét", "giải quyết", "chuẩn bị",
    "mở", "đăng", "phát", "treo", "cử", "nhận", "ký", "thẩm định", "đánh giá",
})
