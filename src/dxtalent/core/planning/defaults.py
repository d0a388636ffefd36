"""Documented default figures for the planner's levers, each with its source.

Amounts are yen. Where the source gives a monthly figure it is multiplied by 12; where no
source gives a figure the value is dxtalent's assumption and says so.
"""

from __future__ import annotations

from dxtalent.core.training import KANAZAWA, shipped_template

_KANAZAWA = shipped_template(KANAZAWA)

# 地域活性化起業人 (corporate secondee): a firm in the three metropolitan areas seconds an
# employee to a municipality in 地方圏 for 6 months to 3 years; the state supports the
# municipality's payment for the secondee up to ¥5.6 M per person-year (special allocation
# tax). MIC's programme page, read 2025: "三大都市圏に所在する企業と地方圏の地方自治体が、協定書に
# 基づき、社員を地方自治体に一定期間（6か月から3年）派遣 ... 上限額 年間560万円/人"
# http://総務省.jp/main_sosiki/jichi_gyousei/c-gyousei/bunken_kaikaku/02gyosei08_03100070.html
# (www.soumu.go.jp); shared domain-facts §4. The support is a cap on what the municipality
# pays, not the cost.
SECONDEE_MIN_YEARS = 0.5
SECONDEE_MAX_YEARS = 3.0
SECONDEE_STATE_SUPPORT_PER_PERSON_YEAR = 5_600_000

# The three metropolitan areas (三大都市圏) of 地域活性化起業人, by JIS X 0402 prefecture code:
# "三大都市圏（埼玉県、千葉県、東京都、神奈川県、岐阜県、愛知県、三重県、京都府、大阪府、兵庫県、
# 奈良県）に所在する企業と地方圏の地方自治体", Japanese Wikipedia 「地域活性化起業人」 citing MIC
# (https://ja.m.wikipedia.org/wiki/地域活性化起業人, read 2025). The same eleven prefectures
# are MIC's 三大都市圏 of 地域おこし協力隊's area rules.
METROPOLITAN_PREFECTURES: dict[str, str] = {
    "11": "埼玉県",
    "12": "千葉県",
    "13": "東京都",
    "14": "神奈川県",
    "21": "岐阜県",
    "23": "愛知県",
    "24": "三重県",
    "26": "京都府",
    "27": "大阪府",
    "28": "兵庫県",
    "29": "奈良県",
}

# 地域活性化起業人 副業型 (from FY2024): at least 4 days and 20 hours a month, at least 1 day
# a month on site; the state supports 報償費 (the fee) up to ¥1 M and travel up to ¥1 M a
# year per person: caps on support, not the cost. MIC, FY2024 programme material via
# shared domain-facts §4 (owner.ne.jp, note.com/yo4shi80, blogs.itmedia.co.jp 2025/04).
SIDE_JOB_FEE_SUPPORT_PER_PERSON_YEAR = 1_000_000
SIDE_JOB_TRAVEL_SUPPORT_PER_PERSON_YEAR = 1_000_000
# The side-job fee when none is given: the 副業型 minimum of 4 days a month (48 days a year)
# at the middle of the 政府CIO補佐官 day rate of ¥40,460–59,280 (Nikkei xTECH 2013,
# https://itpro.nikkeibp.co.jp/article/NEWS/20130125/451921/): 48 × ¥49,870. Travel is
# not in it (0 unless given). 4 days of about 20 working days a month is a fifth of a person.
SIDE_JOB_DAYS_PER_YEAR = 48
SIDE_JOB_COST_PER_DAY = (40_460 + 59_280) // 2
SIDE_JOB_COST_PER_YEAR = SIDE_JOB_DAYS_PER_YEAR * SIDE_JOB_COST_PER_DAY
SIDE_JOB_FTE = 0.2

# Working days in a year, to turn days into a fraction of a person: 20 days a month, as in the
# 政府CIO補佐官 monthly ceiling (¥1.2 M for 20 days, Nikkei xTECH 2013). dxtalent assumption.
FULL_TIME_DAYS = 240

# 地域情報化アドバイザー: up to 3 days per project (or 10 hours online); "アドバイザーの交通費・
# 宿泊費、謝金は総務省が負担": MIC pays the fees and travel itself, so the municipality pays
# nothing and there is nothing to support. https://dx-navi.soumu.go.jp/support/advisor
ADVISER_DAYS_PER_VISIT = 3
ADVISER_COST_PER_VISIT = 0

# Fixed-term CIO (次長級) at Nara Prefecture: about ¥600k a month; 地域DXマネージャー (主幹級):
# about ¥500k a month; term 2 years 9 months (+2). https://note.mu/senkyojapan/n/na813beebecbd
HIRE_CIO_COST_PER_YEAR = 7_200_000
HIRE_DX_MANAGER_COST_PER_YEAR = 6_000_000
# Osaka Prefecture CIO補佐官 (次長級): about ¥11.4 M a year with allowances; 1 year (+2).
HIRE_OSAKA_CIO_ASSISTANT_COST_PER_YEAR = 11_400_000

# 地域プロジェクトマネージャー: special allocation tax up to ¥6.5 M per person (from FY2021;
# projectdesign.jp, wic-net.com via shared domain-facts §4). Not wired to a lever kind: a hire
# may carry it as state_support_per_person_year; the programme's area rules (the person moves
# from an urban area, as for 地域おこし協力隊) are not checked.
REGIONAL_PM_SUPPORT_PER_PERSON = 6_500_000

# Training: the Kanazawa case of Nakagawa 2025 (src/dxtalent/data/programmes/
# nakagawa-2025-kanazawa.yaml), "Method": workshops of 200 hours over seven months, and
# footnote 8: approximately 20 participants every fiscal year. The paper does not say whether
# the workshops are held outside working hours, nor what a seat costs.
TRAINING_MONTHS = _KANAZAWA.months
TRAINING_SEATS_PER_YEAR = _KANAZAWA.seats_per_year
# Cost per seat: a dxtalent assumption, not the paper's (it gives none); enter your own.
TRAINING_COST_PER_SEAT = 300_000

# Share of trainees expected to complete a programme held outside working hours. The paper
# finds that "a significant proportion of local civil servants are unable to participate in
# training sessions during working hours, due to the demands of their everyday tasks"
# (Nakagawa 2025, "Data and Empirics"); it publishes no completion rate, so this figure is a
# dxtalent assumption for the organisation to replace with its own record. A programme in
# working hours defaults to 1.
OUTSIDE_HOURS_COMPLETION_RATE = 0.8

# Prefecture talent pool: all prefectures build one during FY2025; from FY2025 普通交付税
# covers prefectural staff who support municipalities, so the municipality pays nothing by
# default. https://www.soumu.go.jp/denshijiti/renkei_DXsuishin.html
POOL_COST_PER_DAY = 0

# Rotation window in years in post (Nakagawa 2025, "Discussion": every 3–5 years).
ROTATION_WINDOW = (3, 5)

# A successor sent by 人事異動 when an in-house member rotates out: someone new to the DX
# department, who knows local government as any civil servant does but has not yet worked in
# DX. Levels are dxtalent's assumption (0–4 scale of the coordination pack), for the
# organisation to replace: 2 in communication and understanding local government, 1 in the rest.
SUCCESSOR_LEVELS = {"CO-COMM": 2, "CO-LEAD": 1, "CO-NEGO": 1, "CO-SPEC": 1, "CO-GOVT": 2}
