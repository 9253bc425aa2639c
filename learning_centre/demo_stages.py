# ruff: noqa: E501  (prose: one paragraph per line reads better than wrapped strings)
"""Demo text of the eight stage pages (original writing), in English, Arabic, French.

Each entry: key -> {language: {"description", "challenges", "ai_help", "cautions"}}.
"""

STAGE_TEXT: dict[str, dict[str, dict[str, str]]] = {
    "detection_intake": {
        "en": {
            "description": "Most investigations start with a referral, not a complaint. Online platforms report suspected material they detect on their services, hotlines pass on reports from the public, and partner agencies forward intelligence. A national point of contact receives these referrals, checks that they fall within its jurisdiction and records them so that nothing is lost.\n\nA single referral can hold hundreds of files, account details, IP addresses and timestamps. The intake team's job is to turn that raw package into a case record that the next stage can act on.",
            "challenges": "- Volume: some agencies receive tens of thousands of referrals a year, far more than they can read by hand.\n- Quality varies: some reports are detailed, others hold little more than a file hash.\n- Data arrives in many formats and languages, and often needs legal process before it can be used.",
            "ai_help": "- Hash matching confirms known material automatically, without anyone viewing it.\n- Parsers read referral packages and fill in the case record, removing copy-and-paste errors.\n- Language detection and machine translation make foreign-language chat logs readable quickly.",
            "cautions": "- Automated parsing must keep the original referral unchanged, as evidence.\n- A hash match shows a file is known, not who shared it or why: treat it as a lead.\n- Record which tool processed which referral, so the chain of custody stays intact.",
        },
        "fr": {
            "description": "La plupart des enquêtes commencent par un signalement, non par une plainte. Les plateformes en ligne signalent les contenus suspects qu'elles détectent, les lignes d'assistance transmettent les signalements du public et des services partenaires partagent du renseignement. Un point de contact national reçoit ces signalements, vérifie sa compétence et les enregistre pour que rien ne se perde.\n\nUn seul signalement peut contenir des centaines de fichiers, des identifiants de comptes, des adresses IP et des horodatages. L'équipe de réception transforme ce paquet brut en un dossier exploitable par l'étape suivante.",
            "challenges": "- Le volume : certains services reçoivent des dizaines de milliers de signalements par an.\n- La qualité est inégale : certains signalements sont détaillés, d'autres ne contiennent guère qu'une empreinte de fichier.\n- Les données arrivent dans de nombreux formats et langues, et exigent souvent une procédure judiciaire avant usage.",
            "ai_help": "- La comparaison d'empreintes confirme automatiquement les contenus connus, sans que personne ne les regarde.\n- Des analyseurs lisent les signalements et remplissent le dossier, sans erreurs de copier-coller.\n- La détection de langue et la traduction automatique rendent vite lisibles les conversations en langue étrangère.",
            "cautions": "- L'analyse automatique doit conserver le signalement d'origine intact, comme preuve.\n- Une correspondance d'empreinte montre qu'un fichier est connu, pas qui l'a partagé ni pourquoi : c'est une piste.\n- Notez quel outil a traité quel signalement, pour préserver la chaîne de traçabilité.",
        },
        "ar": {
            "description": "تبدأ معظم التحقيقات ببلاغ لا بشكوى. تُبلغ المنصات الإلكترونية عن المواد المشتبه بها التي تكتشفها، وتحيل الخطوط الساخنة بلاغات الجمهور، وتتبادل الأجهزة الشريكة المعلومات. تستقبل نقطة اتصال وطنية هذه البلاغات، وتتحقق من اختصاصها، وتسجلها حتى لا يضيع شيء.\n\nقد يحتوي بلاغ واحد على مئات الملفات وبيانات الحسابات وعناوين IP والطوابع الزمنية. مهمة فريق الاستقبال تحويل هذه الحزمة الخام إلى ملف قضية تستطيع المرحلة التالية العمل عليه.",
            "challenges": "- الحجم: تتلقى بعض الأجهزة عشرات الآلاف من البلاغات سنوياً.\n- تفاوت الجودة: بعض البلاغات مفصّلة وبعضها لا يتضمن سوى بصمة ملف.\n- تصل البيانات بصيغ ولغات متعددة، وكثيراً ما تتطلب إجراءً قانونياً قبل استخدامها.",
            "ai_help": "- تؤكد مطابقة البصمات المواد المعروفة تلقائياً دون أن يشاهدها أحد.\n- تقرأ أدوات التحليل حزم البلاغات وتملأ ملف القضية دون أخطاء النسخ واللصق.\n- يجعل كشف اللغة والترجمة الآلية المحادثات بلغات أجنبية مقروءة بسرعة.",
            "cautions": "- يجب أن يحافظ التحليل الآلي على البلاغ الأصلي دون تغيير بوصفه دليلاً.\n- تُظهر مطابقة البصمة أن الملف معروف، لا من شاركه ولا لماذا: تعامل معها كخيط.\n- سجّل الأداة التي عالجت كل بلاغ للحفاظ على سلسلة الحيازة.",
        },
    },
    "triage_prioritisation": {
        "en": {
            "description": "Triage decides which referrals are worked first. Investigators remove duplicates, link referrals that concern the same person, enrich them with what is already known (previous cases, registered offenders, open investigations) and rank them. The goal is simple to state and hard to do: the children at greatest risk come first.",
            "challenges": "- Signs of ongoing abuse or contact offending can be buried in a large backlog.\n- The same suspect may appear under many accounts and in several countries.\n- Ranking rules must be explainable to supervisors, prosecutors and courts.",
            "ai_help": "- Entity resolution links accounts, emails and devices that belong together.\n- Risk-scoring models flag indicators such as new (previously unseen) material or access to children.\n- Dashboards show the backlog by priority, so supervisors can allocate staff.",
            "cautions": "- A score supports a decision; an officer makes it and records why.\n- Check risk models for bias, for example against particular regions or platforms.\n- Review low-ranked referrals periodically: a model can miss a case.",
        },
        "fr": {
            "description": "Le tri décide quels signalements sont traités en premier. Les enquêteurs suppriment les doublons, relient les signalements concernant la même personne, les enrichissent avec ce qui est déjà connu (affaires antérieures, auteurs enregistrés, enquêtes en cours) et les classent. L'objectif est simple à énoncer et difficile à atteindre : les enfants les plus exposés passent en premier.",
            "challenges": "- Des signes d'abus en cours peuvent être noyés dans un important arriéré.\n- Un même suspect peut apparaître sous de nombreux comptes et dans plusieurs pays.\n- Les règles de classement doivent pouvoir être expliquées aux supérieurs, aux procureurs et aux juges.",
            "ai_help": "- La résolution d'entités relie les comptes, adresses et appareils qui vont ensemble.\n- Des modèles de risque signalent des indicateurs comme des contenus nouveaux ou un accès à des enfants.\n- Des tableaux de bord montrent l'arriéré par priorité, pour répartir les effectifs.",
            "cautions": "- Un score aide à décider ; un agent décide et consigne pourquoi.\n- Vérifiez les biais des modèles de risque, par exemple envers certaines régions ou plateformes.\n- Réexaminez régulièrement les signalements mal classés : un modèle peut manquer une affaire.",
        },
        "ar": {
            "description": "يحدد الفرز البلاغات التي يُعمل عليها أولاً. يزيل المحققون التكرار، ويربطون البلاغات المتعلقة بالشخص نفسه، ويثرونها بما هو معروف مسبقاً (قضايا سابقة، مرتكبون مسجلون، تحقيقات جارية) ثم يرتبونها. الهدف سهل القول صعب التحقيق: الأطفال الأكثر عرضة للخطر أولاً.",
            "challenges": "- قد تضيع مؤشرات الاعتداء المستمر في تراكم كبير من البلاغات.\n- قد يظهر المشتبه به نفسه بحسابات كثيرة وفي عدة دول.\n- يجب أن تكون قواعد الترتيب قابلة للشرح للمشرفين والنيابة والمحاكم.",
            "ai_help": "- يربط تحليل الكيانات الحسابات والعناوين والأجهزة التي تعود إلى الشخص نفسه.\n- تنبه نماذج تقدير المخاطر إلى مؤشرات مثل مواد جديدة لم تُرصد من قبل أو الوصول إلى أطفال.\n- تعرض لوحات المتابعة التراكم حسب الأولوية لتوزيع الموظفين.",
            "cautions": "- الدرجة تدعم القرار، أما القرار فيتخذه الضابط ويسجل أسبابه.\n- افحص نماذج المخاطر بحثاً عن التحيز، مثلاً تجاه مناطق أو منصات معينة.\n- راجع البلاغات منخفضة الترتيب دورياً: قد يخطئ النموذج.",
        },
    },
    "intelligence_osint": {
        "en": {
            "description": "Investigators research suspects and victims in open sources, watch how offenders use peer-to-peer networks, forums and hidden services, and share signals with other agencies. The work builds a picture of who is involved, where they are and how they operate, and produces leads for warrants and identification.",
            "challenges": "- Offenders move between platforms and hide behind anonymising services.\n- Online research must stay within the law and the agency's authorisations.\n- Leads from other countries arrive in different formats and under different rules.",
            "ai_help": "- Monitoring tools watch peer-to-peer networks for known files and map who shares them.\n- Link analysis finds connections between usernames, images and accounts across sites.\n- Translation and summarisation speed up reading of foreign-language forums.",
            "cautions": "- Document each research step and its legal basis.\n- Protect the researcher: use managed, attributable-to-the-agency research environments.\n- Treat automated attribution as a hypothesis to confirm, never as proof.",
        },
        "fr": {
            "description": "Les enquêteurs recherchent suspects et victimes en sources ouvertes, observent l'usage que font les auteurs des réseaux pair-à-pair, forums et services cachés, et partagent des signaux avec d'autres services. Ce travail établit qui est impliqué, où et comment, et produit des pistes pour les mandats et l'identification.",
            "challenges": "- Les auteurs changent de plateforme et se cachent derrière des services d'anonymisation.\n- La recherche en ligne doit respecter la loi et les autorisations du service.\n- Les pistes venues de l'étranger arrivent sous d'autres formats et d'autres règles.",
            "ai_help": "- Des outils de surveillance repèrent les fichiers connus sur les réseaux pair-à-pair et ceux qui les partagent.\n- L'analyse de liens trouve les connexions entre pseudonymes, images et comptes.\n- Traduction et résumé accélèrent la lecture des forums en langue étrangère.",
            "cautions": "- Documentez chaque étape de recherche et sa base légale.\n- Protégez l'enquêteur : utilisez des environnements de recherche gérés par le service.\n- Une attribution automatique est une hypothèse à confirmer, jamais une preuve.",
        },
        "ar": {
            "description": "يبحث المحققون عن المشتبه بهم والضحايا في المصادر المفتوحة، ويرصدون استخدام الجناة لشبكات الند للند والمنتديات والخدمات المخفية، ويتبادلون المؤشرات مع الأجهزة الأخرى. يرسم هذا العمل صورة لمن يشارك وأين وكيف، وينتج خيوطاً لأوامر التفتيش وتحديد الهوية.",
            "challenges": "- يتنقل الجناة بين المنصات ويختبئون خلف خدمات إخفاء الهوية.\n- يجب أن يبقى البحث عبر الإنترنت ضمن القانون وتفويضات الجهاز.\n- تصل الخيوط من دول أخرى بصيغ وقواعد مختلفة.",
            "ai_help": "- ترصد أدوات المراقبة الملفات المعروفة في شبكات الند للند ومن يشاركها.\n- يكشف تحليل الروابط الصلات بين أسماء المستخدمين والصور والحسابات.\n- تسرّع الترجمة والتلخيص قراءة المنتديات بلغات أجنبية.",
            "cautions": "- وثّق كل خطوة بحث وسندها القانوني.\n- احمِ الباحث باستخدام بيئات بحث يديرها الجهاز.\n- الإسناد الآلي فرضية تحتاج إلى تأكيد، وليس دليلاً أبداً.",
        },
    },
    "forensic_acquisition": {
        "en": {
            "description": "With a warrant, officers search premises and seize devices. On scene, triage tools check phones and computers for known material so that officers can decide what to seize and whether an arrest is justified. In the laboratory, examiners extract and preserve the data in a forensically sound way.",
            "challenges": "- Households hold many devices and terabytes of storage.\n- Encryption, cloud storage and locked phones limit what can be acquired.\n- On-scene decisions are made quickly, under pressure, sometimes with children present.",
            "ai_help": "- On-scene triage scans devices for known hashes and likely abuse imagery in minutes.\n- Automated extraction and parsing recover chats, images and location data.\n- Prioritising which devices to examine first shortens the time to charge.",
            "cautions": "- Use validated tools and write-blocking; record tool versions in the report.\n- On-scene triage shows only part of the picture: a negative result does not clear a device.\n- Officers on scene may see abuse material: plan for wellbeing support.",
        },
        "fr": {
            "description": "Munis d'un mandat, les enquêteurs perquisitionnent et saisissent les appareils. Sur place, des outils de tri vérifient téléphones et ordinateurs à la recherche de contenus connus, pour décider quoi saisir et si une interpellation se justifie. Au laboratoire, les experts extraient et préservent les données selon des méthodes forensiques.",
            "challenges": "- Les foyers comptent de nombreux appareils et des téraoctets de stockage.\n- Chiffrement, stockage en ligne et téléphones verrouillés limitent l'acquisition.\n- Les décisions sur place se prennent vite, sous pression, parfois en présence d'enfants.",
            "ai_help": "- Le tri sur place recherche en quelques minutes les empreintes connues et les images probables d'abus.\n- L'extraction automatisée récupère conversations, images et données de localisation.\n- Choisir les appareils à examiner en premier raccourcit les délais.",
            "cautions": "- Utilisez des outils validés et des bloqueurs d'écriture ; notez les versions dans le rapport.\n- Le tri sur place ne montre qu'une partie : un résultat négatif ne disculpe pas un appareil.\n- Les agents sur place peuvent voir des contenus d'abus : prévoyez un soutien psychologique.",
        },
        "ar": {
            "description": "بموجب أمر قضائي، يفتش الضباط المباني ويضبطون الأجهزة. في الموقع، تفحص أدوات الفرز الهواتف والحواسيب بحثاً عن مواد معروفة ليقرر الضباط ما يُضبط وما إذا كان التوقيف مبرراً. وفي المختبر يستخرج الخبراء البيانات ويحفظونها بطريقة سليمة جنائياً.",
            "challenges": "- تضم المنازل أجهزة كثيرة وسعات تخزين هائلة.\n- يحدّ التشفير والتخزين السحابي والهواتف المقفلة مما يمكن استخراجه.\n- تُتخذ القرارات الميدانية بسرعة وتحت الضغط، وأحياناً بحضور أطفال.",
            "ai_help": "- يفحص الفرز الميداني الأجهزة خلال دقائق بحثاً عن بصمات معروفة وصور اعتداء محتملة.\n- يستعيد الاستخراج الآلي المحادثات والصور وبيانات الموقع.\n- تحديد الأجهزة التي تُفحص أولاً يختصر الوقت حتى توجيه الاتهام.",
            "cautions": "- استخدم أدوات موثوقة ومانعات كتابة، وسجّل إصدارات الأدوات في التقرير.\n- الفرز الميداني يُظهر جزءاً من الصورة فقط: النتيجة السلبية لا تبرّئ الجهاز.\n- قد يشاهد الضباط في الموقع مواد اعتداء: خطط لدعم رفاههم.",
        },
    },
    "media_review": {
        "en": {
            "description": "Seized devices can hold millions of images and hours of video. Reviewers must find the illegal material, grade it under national law, and separate it from everything else. Known material is matched against hash sets shared between agencies; the rest needs classifiers and human review.",
            "challenges": "- Sheer volume: review can take months per case without automation.\n- Every file viewed is an exposure for the reviewer.\n- Legal categories differ between countries and must be applied consistently.",
            "ai_help": "- Hash matching against shared sets removes known material from manual review.\n- Classifiers rank unknown files by likelihood of abuse and estimate age cues.\n- De-duplication and near-duplicate grouping mean each scene is reviewed once.",
            "cautions": "- A classifier's label is a suggestion; the legal grading is a human decision.\n- Report error rates honestly and keep samples for quality checks.\n- Use greyscale, muted audio and blurred thumbnails by default to reduce exposure.",
        },
        "fr": {
            "description": "Les appareils saisis peuvent contenir des millions d'images et des heures de vidéo. Les examinateurs doivent trouver les contenus illicites, les qualifier selon le droit national et les séparer du reste. Les contenus connus sont comparés aux bases d'empreintes partagées entre services ; le reste demande des classificateurs et un examen humain.",
            "challenges": "- Le volume : sans automatisation, l'examen peut prendre des mois par affaire.\n- Chaque fichier vu est une exposition pour l'examinateur.\n- Les catégories juridiques diffèrent selon les pays et doivent être appliquées de manière cohérente.",
            "ai_help": "- La comparaison avec les bases d'empreintes retire les contenus connus de l'examen manuel.\n- Des classificateurs classent les fichiers inconnus par probabilité d'abus et estiment des indices d'âge.\n- Le dédoublonnage et le regroupement des quasi-doublons évitent de revoir deux fois une scène.",
            "cautions": "- L'étiquette d'un classificateur est une suggestion ; la qualification juridique est une décision humaine.\n- Indiquez honnêtement les taux d'erreur et gardez des échantillons de contrôle.\n- Utilisez par défaut le niveau de gris, le son coupé et les vignettes floutées.",
        },
        "ar": {
            "description": "قد تحتوي الأجهزة المضبوطة على ملايين الصور وساعات من الفيديو. على المراجعين العثور على المواد غير القانونية وتصنيفها وفق القانون الوطني وفصلها عن غيرها. تُطابق المواد المعروفة مع مجموعات البصمات المشتركة بين الأجهزة، أما الباقي فيحتاج إلى مصنّفات ومراجعة بشرية.",
            "challenges": "- الحجم الهائل: قد تستغرق المراجعة شهوراً لكل قضية دون أتمتة.\n- كل ملف يُشاهد هو تعرّض للمراجع.\n- تختلف الفئات القانونية بين الدول ويجب تطبيقها باتساق.",
            "ai_help": "- تُخرج مطابقة البصمات مع المجموعات المشتركة المواد المعروفة من المراجعة اليدوية.\n- ترتب المصنّفات الملفات غير المعروفة حسب احتمال الاعتداء وتقدّر مؤشرات العمر.\n- يضمن إزالة التكرار وتجميع المتشابهات مراجعة كل مشهد مرة واحدة.",
            "cautions": "- تصنيف الأداة اقتراح، أما التكييف القانوني فقرار بشري.\n- أعلن معدلات الخطأ بصدق واحتفظ بعينات لمراقبة الجودة.\n- استخدم افتراضياً التدرج الرمادي وكتم الصوت والصور المصغرة المموهة لتقليل التعرض.",
        },
    },
    "victim_identification": {
        "en": {
            "description": "Behind every image is a child who may still be at risk. Victim identification specialists study the material for clues to where and when it was made: objects, packaging, wall sockets, landscapes, language on signs, and metadata. They compare it with international image databases and work with colleagues abroad until the child is found and safeguarded.",
            "challenges": "- Clues are small and scattered across many files and series.\n- Series circulate for years; the same child may appear in cases in many countries.\n- The work requires long, close viewing of the most harmful material.",
            "ai_help": "- Object and scene recognition search large collections for matching rooms, items or places.\n- Similarity search links new material to known series in international databases.\n- Text recognition reads signs, labels and screens in images.",
            "cautions": "- Respect the privacy and dignity of victims in every search and every share.\n- Verify each match by a trained specialist before acting on it.\n- This work carries the highest exposure: rotate staff and make support routine.",
        },
        "fr": {
            "description": "Derrière chaque image se trouve un enfant qui peut encore être en danger. Les spécialistes de l'identification des victimes étudient les contenus pour trouver où et quand ils ont été produits : objets, emballages, prises électriques, paysages, langue des panneaux, métadonnées. Ils les comparent aux bases d'images internationales et travaillent avec leurs homologues étrangers jusqu'à ce que l'enfant soit retrouvé et protégé.",
            "challenges": "- Les indices sont minimes et dispersés dans de nombreux fichiers et séries.\n- Les séries circulent pendant des années ; un même enfant peut apparaître dans des affaires de plusieurs pays.\n- Ce travail exige de regarder longuement et attentivement les contenus les plus pénibles.",
            "ai_help": "- La reconnaissance d'objets et de scènes cherche des pièces, objets ou lieux correspondants.\n- La recherche par similarité relie les nouveaux contenus aux séries connues des bases internationales.\n- La reconnaissance de texte lit les panneaux, étiquettes et écrans des images.",
            "cautions": "- Respectez la vie privée et la dignité des victimes à chaque recherche et chaque partage.\n- Faites vérifier chaque correspondance par un spécialiste formé avant d'agir.\n- C'est le travail le plus exposé : organisez des rotations et un soutien systématique.",
        },
        "ar": {
            "description": "خلف كل صورة طفل قد يكون لا يزال في خطر. يدرس المتخصصون في تحديد هوية الضحايا المواد بحثاً عن أدلة على مكان وزمان إنتاجها: الأشياء والعبوات ومقابس الكهرباء والمناظر الطبيعية ولغة اللافتات والبيانات الوصفية. ويقارنونها بقواعد بيانات الصور الدولية ويعملون مع زملائهم في الخارج حتى يُعثر على الطفل ويُحمى.",
            "challenges": "- الأدلة صغيرة ومتناثرة عبر ملفات وسلاسل كثيرة.\n- تنتشر السلاسل لسنوات، وقد يظهر الطفل نفسه في قضايا بدول عديدة.\n- يتطلب العمل مشاهدة طويلة ودقيقة لأشد المواد إيذاءً.",
            "ai_help": "- يبحث التعرف على الأشياء والمشاهد في المجموعات الكبيرة عن غرف أو أغراض أو أماكن مطابقة.\n- يربط البحث بالتشابه المواد الجديدة بسلاسل معروفة في قواعد البيانات الدولية.\n- يقرأ التعرف على النصوص اللافتات والملصقات والشاشات في الصور.",
            "cautions": "- احترم خصوصية الضحايا وكرامتهم في كل بحث وكل مشاركة.\n- يتحقق متخصص مدرّب من كل تطابق قبل التصرف بناءً عليه.\n- هذا العمل الأعلى تعرضاً: بدّل المهام واجعل الدعم النفسي روتينياً.",
        },
    },
    "offender_identification": {
        "en": {
            "description": "Investigators connect the evidence to people: the accounts, devices and cameras used, the faces and voices in the material, and the networks through which it was shared. Offenders rarely act alone online; mapping their contacts often reveals further victims and suspects.",
            "challenges": "- Identities are fragmented across services, aliases and devices.\n- Network data from several cases and countries is hard to combine.\n- Errors in identification can harm innocent people and collapse prosecutions.",
            "ai_help": "- Link analysis and graph tools reveal networks in communication and payment data.\n- Camera identification can connect images to a specific device.\n- Voice and face comparison, where lawful, help narrow down candidates.",
            "cautions": "- Biometric comparison needs a clear legal basis and must never be the only evidence.\n- Test tools for error rates across different groups of people.\n- Share network intelligence only through authorised channels.",
        },
        "fr": {
            "description": "Les enquêteurs relient les preuves à des personnes : comptes, appareils et caméras utilisés, visages et voix présents dans les contenus, réseaux de partage. Les auteurs agissent rarement seuls en ligne ; cartographier leurs contacts révèle souvent d'autres victimes et suspects.",
            "challenges": "- Les identités sont fragmentées entre services, pseudonymes et appareils.\n- Les données de réseaux issues de plusieurs affaires et pays sont difficiles à combiner.\n- Une erreur d'identification peut nuire à un innocent et faire échouer les poursuites.",
            "ai_help": "- L'analyse de liens et les outils de graphes révèlent les réseaux dans les données de communication et de paiement.\n- L'identification de caméra peut relier des images à un appareil précis.\n- La comparaison de voix et de visages, lorsqu'elle est légale, aide à restreindre les candidats.",
            "cautions": "- La comparaison biométrique exige une base légale claire et ne doit jamais être la seule preuve.\n- Testez les taux d'erreur des outils selon les groupes de personnes.\n- Ne partagez le renseignement que par les canaux autorisés.",
        },
        "ar": {
            "description": "يربط المحققون الأدلة بالأشخاص: الحسابات والأجهزة والكاميرات المستخدمة، والوجوه والأصوات في المواد، والشبكات التي تم تبادلها عبرها. نادراً ما يعمل الجناة منفردين عبر الإنترنت، وكثيراً ما يكشف رسم شبكة اتصالاتهم عن ضحايا ومشتبه بهم آخرين.",
            "challenges": "- تتوزع الهويات بين الخدمات والأسماء المستعارة والأجهزة.\n- يصعب دمج بيانات الشبكات من قضايا ودول متعددة.\n- قد تضر أخطاء تحديد الهوية بأبرياء وتُفشل الملاحقة القضائية.",
            "ai_help": "- تكشف أدوات تحليل الروابط والرسوم البيانية الشبكات في بيانات الاتصالات والمدفوعات.\n- يمكن لتحديد الكاميرا ربط الصور بجهاز بعينه.\n- تساعد مقارنة الأصوات والوجوه، حيث يسمح القانون، في حصر المشتبه بهم.",
            "cautions": "- تحتاج المقارنة البيومترية إلى سند قانوني واضح ولا يجوز أن تكون الدليل الوحيد.\n- اختبر معدلات خطأ الأدوات عبر فئات مختلفة من الناس.\n- لا تشارك معلومات الشبكات إلا عبر القنوات المعتمدة.",
        },
    },
    "case_building_safeguarding": {
        "en": {
            "description": "The evidence becomes a case file for the prosecutor and the court, and the children become the centre of a safeguarding plan. Investigators write reports that explain what the tools did, disclose evidence to the defence, refer victims to support services and request removal of the material from the internet so survivors are not harmed again.",
            "challenges": "- Courts must understand how automated tools reached their results.\n- Disclosure of large data sets is slow and costly.\n- Safeguarding continues long after the case closes.",
            "ai_help": "- Case management systems gather evidence, decisions and deadlines in one place.\n- Report generators produce consistent, reviewable summaries of forensic findings.\n- Hash sharing with platforms and hotlines speeds up removal of known material.",
            "cautions": "- Be ready to explain any tool's method, limits and error rate in court.\n- Keep humans responsible for every charging and safeguarding decision.\n- Involve victim services early and respect survivors' wishes about their images.",
        },
        "fr": {
            "description": "Les preuves deviennent un dossier pour le procureur et le tribunal, et les enfants sont au centre d'un plan de protection. Les enquêteurs rédigent des rapports expliquant ce qu'ont fait les outils, communiquent les preuves à la défense, orientent les victimes vers des services d'aide et demandent le retrait des contenus d'internet pour que les survivants ne soient pas de nouveau atteints.",
            "challenges": "- Les tribunaux doivent comprendre comment les outils automatisés sont parvenus à leurs résultats.\n- La communication de grands volumes de données est lente et coûteuse.\n- La protection continue longtemps après la clôture de l'affaire.",
            "ai_help": "- Les systèmes de gestion des affaires réunissent preuves, décisions et délais.\n- Les générateurs de rapports produisent des synthèses cohérentes et vérifiables.\n- Le partage d'empreintes avec les plateformes et les lignes d'assistance accélère le retrait des contenus connus.",
            "cautions": "- Soyez prêt à expliquer au tribunal la méthode, les limites et le taux d'erreur de chaque outil.\n- Les décisions de poursuite et de protection restent humaines.\n- Associez tôt les services d'aide aux victimes et respectez les souhaits des survivants.",
        },
        "ar": {
            "description": "تصبح الأدلة ملف قضية للنيابة والمحكمة، ويصبح الأطفال محور خطة حماية. يكتب المحققون تقارير تشرح ما فعلته الأدوات، ويفصحون عن الأدلة للدفاع، ويحيلون الضحايا إلى خدمات الدعم، ويطلبون إزالة المواد من الإنترنت حتى لا يتضرر الناجون مرة أخرى.",
            "challenges": "- يجب أن تفهم المحاكم كيف توصلت الأدوات الآلية إلى نتائجها.\n- الإفصاح عن مجموعات بيانات كبيرة بطيء ومكلف.\n- تستمر الحماية طويلاً بعد إغلاق القضية.",
            "ai_help": "- تجمع أنظمة إدارة القضايا الأدلة والقرارات والمواعيد في مكان واحد.\n- تنتج مولدات التقارير ملخصات متسقة وقابلة للمراجعة للنتائج الجنائية.\n- تسرّع مشاركة البصمات مع المنصات والخطوط الساخنة إزالة المواد المعروفة.",
            "cautions": "- كن مستعداً لشرح منهج أي أداة وحدودها ومعدل خطئها أمام المحكمة.\n- يبقى البشر مسؤولين عن كل قرار اتهام أو حماية.\n- أشرك خدمات الضحايا مبكراً واحترم رغبات الناجين بشأن صورهم.",
        },
    },
}
