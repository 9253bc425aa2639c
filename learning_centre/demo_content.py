# ruff: noqa: E501  (prose: one paragraph per line reads better than wrapped strings)
"""Demo resources, learning paths and readiness statements (original writing)."""

# slug, kind, topic, level, stage keys, readiness dimension, url, title, summary, body
RESOURCES: list[tuple[str, str, str, str, list[str], str, str, str, str, str]] = [
    (
        "hash-matching-explained",
        "article",
        "techniques",
        "introductory",
        ["detection_intake", "media_review"],
        "",
        "",
        "Hash matching, explained",
        "What cryptographic and perceptual hashes are, and why they let you confirm known material without viewing it.",
        "## Two kinds of hash\n\nA **cryptographic hash** (MD5, SHA-1, SHA-256) changes completely when a single bit of the file changes. It proves that two files are identical.\n\nA **perceptual hash** (such as PhotoDNA or PDQ) describes what an image looks like, so resized or re-encoded copies still match.\n\n## Why it matters\n\n- Known material can be confirmed and categorised automatically.\n- Reviewers see fewer files, which reduces exposure.\n- Shared hash sets let agencies benefit from each other's grading.\n\n## Limits\n\nA hash only recognises what someone has already seen and graded. New material needs classifiers and human review.",
    ),
    (
        "referral-intake-checklist",
        "checklist",
        "techniques",
        "introductory",
        ["detection_intake"],
        "data",
        "",
        "Referral intake checklist",
        "Ten checks before a platform referral becomes a case record.",
        "1. Confirm jurisdiction from the IP and account data.\n2. Preserve the original referral unchanged.\n3. Record the date and time of receipt.\n4. Check for duplicates of earlier referrals.\n5. Run known-hash checks on attached files.\n6. Note any indicator of ongoing abuse.\n7. Identify legal process needed for more data.\n8. Record which tools processed the referral.\n9. Assign a priority and an owner.\n10. Tell the referring organisation the outcome when the law allows.",
    ),
    (
        "triage-scoring-guide",
        "guide",
        "implementing_ai",
        "intermediate",
        ["triage_prioritisation"],
        "human_oversight",
        "",
        "Designing an explainable triage score",
        "How to combine risk indicators into a ranking supervisors can explain and audit.",
        "## Start from decisions\n\nWrite down which decisions the score supports (which referral to open today) and which it must not make (closing a case).\n\n## Choose indicators you can defend\n\nNew material, evidence of contact with children, and a suspect's access to children are common indicators. Avoid proxies such as nationality or neighbourhood.\n\n## Keep a human in the loop\n\nShow the indicators behind each score, and let officers override it with a recorded reason.",
    ),
    (
        "deduplication-in-practice",
        "article",
        "techniques",
        "intermediate",
        ["triage_prioritisation", "media_review"],
        "",
        "",
        "De-duplication in practice",
        "Exact and near-duplicate grouping for referrals and seized media.",
        "Exact duplicates are removed by comparing cryptographic hashes. Near duplicates (crops, re-encodes, screenshots) are grouped with perceptual hashes or image embeddings, so a reviewer grades a scene once and the decision applies to the group. Always keep the link between each original file and its group for disclosure.",
    ),
    (
        "osint-legal-boundaries",
        "guide",
        "legal_ethical",
        "intermediate",
        ["intelligence_osint"],
        "legal_basis",
        "",
        "Online research within legal boundaries",
        "What usually needs an authorisation, and how to record your research.",
        "## Passive versus active\n\nViewing public pages is usually lower risk than interacting with people or creating accounts. Active steps (joining groups, messaging) normally need a specific authorisation.\n\n## Record everything\n\nKeep a research log with date, time, URL, purpose and the authorisation relied on. Capture pages with a tool that records hashes and timestamps.",
    ),
    (
        "p2p-monitoring-video",
        "video",
        "techniques",
        "advanced",
        ["intelligence_osint"],
        "",
        "https://example.org/demo/p2p-monitoring",
        "Monitoring peer-to-peer networks (webinar)",
        "A recorded webinar on how monitoring tools find known files shared on peer-to-peer networks.",
        "The webinar covers how sharing networks announce files, how tools match announcements against known hashes, and how results become leads for legal process.",
    ),
    (
        "on-scene-triage-checklist",
        "checklist",
        "techniques",
        "introductory",
        ["forensic_acquisition"],
        "",
        "",
        "On-scene device triage checklist",
        "What to check before, during and after using a triage tool at a search.",
        "- Brief the team on wellbeing: who may view material, and for how long.\n- Photograph devices in place before touching them.\n- Isolate phones from networks.\n- Run triage with a validated, up-to-date hash set.\n- Record tool name, version and results in the search log.\n- Remember that a negative result does not clear a device.",
    ),
    (
        "forensic-tool-validation",
        "guide",
        "implementing_ai",
        "advanced",
        ["forensic_acquisition", "case_building_safeguarding"],
        "governance",
        "",
        "Validating forensic and AI tools",
        "A practical approach to testing a tool before its results go into evidence.",
        "## Why validate\n\nCourts ask whether a tool works as claimed. Validation gives you the answer and the error rate.\n\n## How\n\n1. Define what the tool must do.\n2. Build a test set with known answers.\n3. Measure results and errors.\n4. Repeat after every major update.\n5. Keep the records for disclosure.",
    ),
    (
        "reducing-exposure-in-review",
        "article",
        "wellbeing",
        "introductory",
        ["media_review", "victim_identification"],
        "",
        "",
        "Reducing exposure during media review",
        "Settings and habits that lower the harm of reviewing abuse material.",
        "## Let machines go first\n\nRun hash matching and classifiers before anyone opens a file.\n\n## Change how material appears\n\n- Greyscale and smaller thumbnails reduce impact.\n- Mute audio unless it is needed; read transcripts instead.\n- Blur by default and reveal only what you must grade.\n\n## Structure the day\n\nSchedule breaks, avoid reviewing late in the day, and finish with a different task.",
    ),
    (
        "classifier-error-rates",
        "article",
        "implementing_ai",
        "advanced",
        ["media_review"],
        "transparency",
        "",
        "Reading a classifier's error rates",
        "Precision, recall and what they mean for a review queue.",
        "**Precision** is the share of flagged files that are truly abuse material; **recall** is the share of abuse material that gets flagged. A tool tuned for high recall flags more innocent files; one tuned for precision misses more. Ask vendors for both, measured on data like yours, and test them yourself.",
    ),
    (
        "grading-consistency",
        "guide",
        "legal_ethical",
        "intermediate",
        ["media_review", "case_building_safeguarding"],
        "",
        "",
        "Consistent legal grading",
        "How to keep categorisation consistent across reviewers and cases.",
        "Write down your national categories with examples, double-grade a sample of each reviewer's work, and discuss disagreements. When a tool suggests a category, record that the final grading was made by a person.",
    ),
    (
        "victim-id-clues",
        "article",
        "techniques",
        "advanced",
        ["victim_identification"],
        "",
        "",
        "Finding location clues in images",
        "Objects, text and environments that have led specialists to children.",
        "Specialists look at products and packaging, electrical fittings, school uniforms, vegetation, weather, and any visible text. Each clue narrows the search; combined, they can point to a country, a region and sometimes a street. Share clues through international victim identification channels, never on open platforms.",
    ),
    (
        "victim-id-database-video",
        "video",
        "techniques",
        "intermediate",
        ["victim_identification"],
        "",
        "https://example.org/demo/victim-id-databases",
        "How international image databases help identify victims (video)",
        "An overview of how shared databases link series across countries.",
        "The video explains how contributing material to international databases lets specialists see whether a series is already known, who is working on it, and which clues have been found.",
    ),
    (
        "network-analysis-basics",
        "article",
        "techniques",
        "intermediate",
        ["offender_identification"],
        "",
        "",
        "Network analysis basics",
        "Turning communication records into a map of who is connected to whom.",
        "Start with entities (accounts, phones, devices) and relationships (messages, payments, shared files). A graph tool shows clusters and brokers. Remember that a link shows contact, not guilt.",
    ),
    (
        "biometrics-legal-basis",
        "guide",
        "legal_ethical",
        "advanced",
        ["offender_identification"],
        "legal_basis",
        "",
        "Biometric comparison and the law",
        "Questions to answer before using face or voice comparison.",
        "- Which law authorises the comparison, and for which offences?\n- Who may run it, and who reviews the result?\n- What is the tool's error rate across age, sex and skin tone?\n- How is the result disclosed to the defence?\n- When is the data deleted?",
    ),
    (
        "court-ready-reports",
        "guide",
        "legal_ethical",
        "intermediate",
        ["case_building_safeguarding"],
        "transparency",
        "",
        "Writing court-ready reports on AI-assisted findings",
        "Explain what the tool did, what a person checked, and the limits.",
        "A good report names the tool and version, states what it was used for, describes the human checks, gives known error rates, and separates facts from interpretation.",
    ),
    (
        "survivor-centred-removal",
        "article",
        "legal_ethical",
        "introductory",
        ["case_building_safeguarding"],
        "",
        "",
        "Survivor-centred content removal",
        "Why removal matters to survivors, and how investigators can help.",
        "Every new view of an image repeats the harm. Sharing hashes of graded material with hotlines and platforms helps block and remove it. Ask victim services how survivors want to be informed.",
    ),
    (
        "secondary-trauma-guide",
        "guide",
        "wellbeing",
        "introductory",
        [],
        "",
        "",
        "Secondary traumatic stress: a guide for investigators",
        "Signs, risk factors and what helps.",
        "## Signs\n\nIntrusive images, sleep problems, irritability, emotional numbness, cynicism and withdrawal.\n\n## Risk factors\n\nLong exposure, working alone, little control over the workload, and personal stress.\n\n## What helps\n\nPeer support, regular supervision, confidential counselling, rotation and a life outside work.",
    ),
    (
        "supervisor-duty-of-care",
        "checklist",
        "wellbeing",
        "intermediate",
        [],
        "skills",
        "",
        "Supervisor duty-of-care checklist",
        "A monthly checklist for leaders of teams exposed to abuse material.",
        "- Exposure hours tracked for each officer.\n- Psychological screening offered on joining and yearly.\n- Everyone knows how to reach confidential support.\n- Nobody reviews the hardest material alone.\n- Rotation planned.\n- Team check-in held this month.",
    ),
    (
        "self-care-video",
        "video",
        "wellbeing",
        "introductory",
        [],
        "",
        "https://example.org/demo/self-care",
        "Self-care routines that work (video)",
        "Investigators describe the routines that help them switch off.",
        "Officers talk about end-of-shift rituals, exercise, keeping work devices out of the bedroom, and talking to peers.",
    ),
    (
        "ai-procurement-questions",
        "checklist",
        "procurement",
        "intermediate",
        [],
        "procurement",
        "",
        "Twelve questions to ask an AI vendor",
        "Before you buy: performance, data, security and support.",
        "1. What was the model trained on?\n2. What are precision and recall on data like ours?\n3. Can we test it on our own data first?\n4. Where is our data processed and stored?\n5. Does the vendor keep or reuse our data?\n6. How are updates validated?\n7. Can the results be explained in court?\n8. What logs does it keep?\n9. What security certifications does it hold?\n10. What happens to our data if the contract ends?\n11. What training is included?\n12. What does it cost over five years?",
    ),
    (
        "procurement-pilot-guide",
        "guide",
        "procurement",
        "advanced",
        [],
        "procurement",
        "",
        "Running a pilot before procurement",
        "How to run a time-limited, measured trial of an AI tool.",
        "Define success measures before the pilot, use realistic data under legal cover, compare against the current process, involve end users, and decide with a written evaluation.",
    ),
    (
        "ai-governance-starter",
        "guide",
        "implementing_ai",
        "introductory",
        [],
        "governance",
        "",
        "Setting up AI governance in an agency",
        "Roles, registers and reviews for responsible use of AI.",
        "Name an accountable owner for each AI system, keep a register of systems and their purposes, review risks before deployment and yearly, and publish what you can about your use of AI.",
    ),
    (
        "data-protection-basics",
        "article",
        "legal_ethical",
        "introductory",
        [],
        "data",
        "",
        "Data protection basics for AI in investigations",
        "Purpose limitation, minimisation and retention for sensitive data.",
        "Use data only for the purpose it was collected for, keep only what you need, secure it, and delete it on schedule. Training or testing AI on case data needs its own legal basis.",
    ),
    (
        "human-oversight-models",
        "article",
        "implementing_ai",
        "intermediate",
        [],
        "human_oversight",
        "",
        "Models of human oversight",
        "Human in the loop, on the loop and in command: which fits which task.",
        "Some tasks need a person to confirm every output (in the loop); others allow a person to monitor and intervene (on the loop). For decisions about people's liberty and safety, a person decides.",
    ),
    (
        "skills-framework",
        "link",
        "implementing_ai",
        "introductory",
        [],
        "skills",
        "https://example.org/demo/skills-framework",
        "An AI skills framework for investigators (external)",
        "A link to a competence framework for staff who use AI tools.",
        "The framework describes what investigators, analysts, managers and procurement officers need to know about AI.",
    ),
]

# Arabic and French versions of a few resources: slug -> {lang: (title, summary, body)}
RESOURCE_VERSIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "hash-matching-explained": {
        "fr": (
            "La comparaison d'empreintes expliquée",
            "Ce que sont les empreintes cryptographiques et perceptuelles, et pourquoi elles permettent de confirmer des contenus connus sans les regarder.",
            "Une **empreinte cryptographique** change entièrement si un seul bit du fichier change ; elle prouve que deux fichiers sont identiques. Une **empreinte perceptuelle** décrit l'apparence d'une image : les copies redimensionnées correspondent encore. Les contenus connus peuvent ainsi être confirmés automatiquement, ce qui réduit l'exposition des examinateurs.",
        ),
        "ar": (
            "شرح مطابقة البصمات الرقمية",
            "ما البصمات التشفيرية والإدراكية، ولماذا تسمح بتأكيد المواد المعروفة دون مشاهدتها.",
            "تتغير **البصمة التشفيرية** كلياً إذا تغيّر بت واحد في الملف، وهي تثبت تطابق ملفين. أما **البصمة الإدراكية** فتصف شكل الصورة، فتتطابق النسخ المصغرة أو المعاد ترميزها. وهكذا يمكن تأكيد المواد المعروفة آلياً، مما يقلل تعرض المراجعين.",
        ),
    },
    "reducing-exposure-in-review": {
        "fr": (
            "Réduire l'exposition lors de l'examen",
            "Réglages et habitudes qui diminuent la charge de l'examen des contenus d'abus.",
            "Laissez d'abord travailler la comparaison d'empreintes et les classificateurs. Utilisez le niveau de gris, coupez le son et floutez par défaut. Prévoyez des pauses et terminez la journée par une autre tâche.",
        ),
        "ar": (
            "تقليل التعرض أثناء مراجعة المواد",
            "إعدادات وعادات تخفف أثر مراجعة مواد الاعتداء.",
            "دع مطابقة البصمات والمصنّفات تعمل أولاً. استخدم التدرج الرمادي واكتم الصوت وموّه الصور افتراضياً. خطط لفترات راحة واختم يومك بمهمة مختلفة.",
        ),
    },
    "secondary-trauma-guide": {
        "fr": (
            "Le stress traumatique secondaire : guide pour les enquêteurs",
            "Signes, facteurs de risque et ce qui aide.",
            "Signes : images intrusives, troubles du sommeil, irritabilité, engourdissement émotionnel. Ce qui aide : soutien des pairs, supervision régulière, accompagnement psychologique confidentiel, rotation des tâches.",
        ),
        "ar": (
            "الإجهاد الصدمي الثانوي: دليل للمحققين",
            "العلامات وعوامل الخطر وما يساعد.",
            "العلامات: صور متطفلة، اضطرابات النوم، سرعة الانفعال، الخدر العاطفي. ما يساعد: دعم الزملاء، والإشراف المنتظم، والاستشارة النفسية السرية، وتدوير المهام.",
        ),
    },
}

# Learning paths: slug, title, summary, valid days, modules
# module: title, body, requires previous (bool), questions
# question: text, explanation, options [(text, correct)]
PATHS: list[dict] = [
    {
        "slug": "ai-in-the-workflow",
        "title": "AI in the investigation workflow",
        "summary": "Where AI helps across the eight stages, and where people must stay in charge.",
        "valid_days": 730,
        "translations": {
            "fr": {
                "title": "L'IA dans le déroulement de l'enquête",
                "summary": "Où l'IA aide au long des huit étapes, et où l'humain doit garder la main.",
            },
            "ar": {
                "title": "الذكاء الاصطناعي في مسار التحقيق",
                "summary": "أين يساعد الذكاء الاصطناعي عبر المراحل الثماني، وأين يجب أن يبقى القرار للإنسان.",
            },
        },
        "modules": [
            {
                "title": "From referral to priority",
                "body": "Referrals arrive in large numbers. **Hash matching** confirms known material without anyone viewing it, and **triage scores** help decide which referral to open first. A score supports the decision; an officer makes it and records why.",
                "translations": {
                    "fr": {
                        "title": "Du signalement à la priorité",
                        "body": "Les signalements arrivent en grand nombre. La **comparaison d'empreintes** confirme les contenus connus sans que personne ne les regarde, et les **scores de tri** aident à choisir le signalement à ouvrir en premier. Le score aide ; l'agent décide et consigne pourquoi.",
                    },
                    "ar": {
                        "title": "من البلاغ إلى الأولوية",
                        "body": "تصل البلاغات بأعداد كبيرة. تؤكد **مطابقة البصمات** المواد المعروفة دون أن يشاهدها أحد، وتساعد **درجات الفرز** في تحديد البلاغ الذي يُفتح أولاً. الدرجة تدعم القرار، أما القرار فيتخذه الضابط ويسجل أسبابه.",
                    },
                },
                "questions": [
                    {
                        "text": "What does a hash match tell you?",
                        "explanation": "A match shows the file is identical or visually equivalent to known material. It says nothing about who shared it or why.",
                        "translations": {
                            "fr": {
                                "text": "Que vous apprend une correspondance d'empreinte ?",
                                "explanation": "Elle montre que le fichier est identique ou visuellement équivalent à un contenu connu. Elle ne dit rien de qui l'a partagé ni pourquoi.",
                            },
                            "ar": {
                                "text": "ماذا تخبرك مطابقة البصمة؟",
                                "explanation": "تُظهر أن الملف مطابق أو مكافئ بصرياً لمادة معروفة، ولا تقول شيئاً عمّن شاركه أو لماذا.",
                            },
                        },
                        "options": [
                            (
                                "That the file is already known material",
                                True,
                                {
                                    "fr": "Que le fichier est un contenu déjà connu",
                                    "ar": "أن الملف مادة معروفة مسبقاً",
                                },
                            ),
                            (
                                "Who created the file",
                                False,
                                {"fr": "Qui a créé le fichier", "ar": "من أنشأ الملف"},
                            ),
                            (
                                "That the account holder is guilty",
                                False,
                                {
                                    "fr": "Que le titulaire du compte est coupable",
                                    "ar": "أن صاحب الحساب مذنب",
                                },
                            ),
                        ],
                    },
                    {
                        "text": "Who decides which referral is worked first?",
                        "explanation": "Triage scores support the decision, but an officer decides and records the reason, so the ranking can be explained.",
                        "translations": {
                            "fr": {
                                "text": "Qui décide quel signalement est traité en premier ?",
                                "explanation": "Le score aide, mais un agent décide et consigne la raison, pour que le classement puisse être expliqué.",
                            },
                            "ar": {
                                "text": "من يقرر البلاغ الذي يُعمل عليه أولاً؟",
                                "explanation": "تدعم درجات الفرز القرار، لكن الضابط يقرر ويسجل السبب حتى يمكن شرح الترتيب.",
                            },
                        },
                        "options": [
                            (
                                "The triage model, automatically",
                                False,
                                {
                                    "fr": "Le modèle de tri, automatiquement",
                                    "ar": "نموذج الفرز تلقائياً",
                                },
                            ),
                            (
                                "An officer, helped by the score",
                                True,
                                {
                                    "fr": "Un agent, aidé par le score",
                                    "ar": "الضابط، بمساعدة الدرجة",
                                },
                            ),
                            (
                                "The platform that sent the referral",
                                False,
                                {
                                    "fr": "La plateforme qui a envoyé le signalement",
                                    "ar": "المنصة التي أرسلت البلاغ",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "title": "Review, identification and court",
                "body": "Classifiers rank unknown files and object recognition helps find victims, but a **trained person verifies every match** and makes every legal grading. In court, be ready to explain each tool's method, limits and error rate.",
                "translations": {
                    "fr": {
                        "title": "Examen, identification et tribunal",
                        "body": "Les classificateurs classent les fichiers inconnus et la reconnaissance d'objets aide à retrouver les victimes, mais **une personne formée vérifie chaque correspondance** et fait chaque qualification juridique. Au tribunal, soyez prêt à expliquer la méthode, les limites et le taux d'erreur de chaque outil.",
                    },
                    "ar": {
                        "title": "المراجعة وتحديد الهوية والمحكمة",
                        "body": "ترتب المصنّفات الملفات غير المعروفة ويساعد التعرف على الأشياء في العثور على الضحايا، لكن **شخصاً مدرّباً يتحقق من كل تطابق** ويتخذ كل تكييف قانوني. وفي المحكمة كن مستعداً لشرح منهج كل أداة وحدودها ومعدل خطئها.",
                    },
                },
                "requires_previous": True,
                "questions": [
                    {
                        "text": "A classifier labels an image as abuse material. What happens next?",
                        "explanation": "The label is a suggestion. The legal grading is a human decision, recorded as such.",
                        "translations": {
                            "fr": {
                                "text": "Un classificateur étiquette une image comme contenu d'abus. Et ensuite ?",
                                "explanation": "L'étiquette est une suggestion. La qualification juridique est une décision humaine, consignée comme telle.",
                            },
                            "ar": {
                                "text": "صنّف مصنّف صورة على أنها مادة اعتداء. ماذا بعد؟",
                                "explanation": "التصنيف اقتراح، أما التكييف القانوني فقرار بشري يُسجّل على هذا الأساس.",
                            },
                        },
                        "options": [
                            (
                                "It goes straight into the charge file",
                                False,
                                {
                                    "fr": "Elle va directement dans le dossier d'accusation",
                                    "ar": "تدخل مباشرة في ملف الاتهام",
                                },
                            ),
                            (
                                "A reviewer grades it under national law",
                                True,
                                {
                                    "fr": "Un examinateur la qualifie selon le droit national",
                                    "ar": "يصنّفها مراجع وفق القانون الوطني",
                                },
                            ),
                            (
                                "It is deleted",
                                False,
                                {"fr": "Elle est supprimée", "ar": "تُحذف"},
                            ),
                        ],
                    },
                    {
                        "text": "What should a court report say about an AI tool?",
                        "explanation": "Name the tool and version, what it did, what people checked, and its known error rates.",
                        "translations": {
                            "fr": {
                                "text": "Que doit dire un rapport au tribunal sur un outil d'IA ?",
                                "explanation": "Nommer l'outil et sa version, ce qu'il a fait, ce que des personnes ont vérifié et ses taux d'erreur connus.",
                            },
                            "ar": {
                                "text": "ماذا يجب أن يذكر تقرير المحكمة عن أداة ذكاء اصطناعي؟",
                                "explanation": "اسم الأداة وإصدارها، وما فعلته، وما تحقق منه البشر، ومعدلات خطئها المعروفة.",
                            },
                        },
                        "options": [
                            (
                                "Nothing: tools are confidential",
                                False,
                                {
                                    "fr": "Rien : les outils sont confidentiels",
                                    "ar": "لا شيء: الأدوات سرية",
                                },
                            ),
                            (
                                "Only the final result",
                                False,
                                {
                                    "fr": "Seulement le résultat final",
                                    "ar": "النتيجة النهائية فقط",
                                },
                            ),
                            (
                                "Its method, human checks and error rates",
                                True,
                                {
                                    "fr": "Sa méthode, les vérifications humaines et les taux d'erreur",
                                    "ar": "منهجها والتحقق البشري ومعدلات الخطأ",
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "wellbeing-for-investigators",
        "title": "Wellbeing for investigators and supervisors",
        "summary": "Recognise secondary traumatic stress, reduce exposure, and build a team that looks after its people.",
        "valid_days": 365,
        "translations": {},
        "modules": [
            {
                "title": "Recognising secondary traumatic stress",
                "body": "Secondary traumatic stress builds up over time. Watch for intrusive images, poor sleep, irritability and withdrawal, in yourself and in colleagues. These reactions are common and treatable.",
                "questions": [
                    {
                        "text": "Which is a common sign of secondary traumatic stress?",
                        "explanation": "Intrusive images are among the most common signs; they are a normal reaction to abnormal material, and help works.",
                        "options": [
                            ("Intrusive images", True, {}),
                            ("Better sleep", False, {}),
                            ("More patience", False, {}),
                        ],
                    },
                ],
            },
            {
                "title": "Reducing exposure",
                "body": "Let hash matching and classifiers go first. Review in greyscale, with sound muted and thumbnails blurred. Schedule breaks and avoid reviewing at the end of the day.",
                "requires_previous": True,
                "questions": [
                    {
                        "text": "What should run before anyone reviews seized media?",
                        "explanation": "Hash matching removes known material from manual review and so reduces exposure.",
                        "options": [
                            ("Hash matching", True, {}),
                            ("A press release", False, {}),
                            ("Nothing", False, {}),
                        ],
                    },
                    {
                        "text": "Which setting reduces the impact of reviewing video?",
                        "explanation": "Muting audio (and reading transcripts) removes one of the most distressing channels.",
                        "options": [
                            ("Maximum volume", False, {}),
                            ("Muted audio", True, {}),
                            ("Full-screen playback", False, {}),
                        ],
                    },
                ],
            },
            {
                "title": "Supervisors' duty of care",
                "body": "Supervisors track exposure hours, offer screening, rotate tasks and make confidential support easy to reach without asking for a reason.",
                "requires_previous": True,
                "questions": [],
            },
        ],
    },
    {
        "slug": "buying-ai-responsibly",
        "title": "Buying AI responsibly",
        "summary": "From need to contract: governance, legal basis, testing and vendor questions.",
        "valid_days": None,
        "translations": {},
        "modules": [
            {
                "title": "Define the need and the legal basis",
                "body": "Start from the problem, not the product. Write down the decision the tool supports, the data it needs, and the law that allows its use.",
                "questions": [
                    {
                        "text": "Where should an AI procurement start?",
                        "explanation": "Starting from the operational need and the legal basis keeps the purchase focused and lawful.",
                        "options": [
                            ("With the need and the legal basis", True, {}),
                            ("With the cheapest product", False, {}),
                            ("With a vendor demo", False, {}),
                        ],
                    },
                ],
            },
            {
                "title": "Test before you buy",
                "body": "Run a measured pilot on realistic data under legal cover. Ask for precision and recall on data like yours, and measure them yourself.",
                "requires_previous": True,
                "questions": [
                    {
                        "text": "Which pair of measures describes a classifier's errors?",
                        "explanation": "Precision (how many flags are right) and recall (how much is found) together describe its errors.",
                        "options": [
                            ("Price and speed", False, {}),
                            ("Precision and recall", True, {}),
                            ("Colour and size", False, {}),
                        ],
                    },
                ],
            },
        ],
    },
]

# Readiness statements: dimension -> list of English statements (position order)
READINESS: dict[str, list[str]] = {
    "governance": [
        "Our agency has named a person accountable for each AI system we use.",
        "We keep a register of AI systems, their purpose and their risks.",
    ],
    "legal_basis": [
        "We have checked the legal basis for each use of AI with our legal advisers.",
        "Our authorisations cover how AI tools process personal data in investigations.",
    ],
    "data": [
        "We know what data each AI tool uses, where it is stored and for how long.",
        "Data used to test or train AI is lawfully obtained, secured and minimised.",
    ],
    "skills": [
        "Officers who use AI tools are trained in their limits and error rates.",
        "Managers and procurement staff understand the basics of AI.",
    ],
    "procurement": [
        "We test AI tools on realistic data before buying them.",
        "Our contracts control vendors' access to and reuse of our data.",
    ],
    "human_oversight": [
        "A person reviews every AI output before it affects a decision about someone.",
        "Officers can override a tool and record why.",
    ],
    "transparency": [
        "We can explain to a court how each AI tool reached its result.",
        "We publish general information about the AI systems our agency uses.",
    ],
}
