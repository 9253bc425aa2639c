"""The illustrative eight-stage workflow (../shared/data/README.md), in six languages.

The step names of the real Hub's workflow are not public; these are built from
how investigations are publicly described. Editors may rename them in the admin.
"""

from django.db import migrations

STAGES = [
    (
        1,
        "detection_intake",
        "Detection and referral intake",
        "Reports arrive from hotlines, the public and platforms (for example NCMEC "
        "CyberTipline reports); platforms detect known material mostly by hash matching.",
        {
            "ar": ("الكشف واستقبال البلاغات", "ترد البلاغات من الخطوط الساخنة والجمهور والمنصات (مثل بلاغات CyberTipline لدى NCMEC)، وتكتشف المنصات المواد المعروفة غالباً بمطابقة البصمات الرقمية."),
            "zh-hans": ("发现与举报受理", "举报来自热线、公众和平台（例如 NCMEC CyberTipline 报告）；平台主要通过哈希匹配发现已知材料。"),
            "fr": ("Détection et réception des signalements", "Les signalements arrivent des lignes d'assistance, du public et des plateformes (par exemple les rapports CyberTipline du NCMEC) ; les plateformes détectent surtout les contenus connus par comparaison d'empreintes."),
            "ru": ("Выявление и приём сообщений", "Сообщения поступают от горячих линий, граждан и платформ (например, отчёты CyberTipline NCMEC); платформы выявляют известные материалы в основном по хеш-сопоставлению."),
            "es": ("Detección y recepción de denuncias", "Las denuncias llegan de líneas de ayuda, del público y de las plataformas (por ejemplo, los informes CyberTipline del NCMEC); las plataformas detectan el material conocido sobre todo mediante coincidencia de hashes."),
        },
    ),
    (
        2,
        "triage_prioritisation",
        "Triage and prioritisation",
        "De-duplicate, enrich and rank referrals so that children at risk come first.",
        {
            "ar": ("الفرز وتحديد الأولويات", "إزالة التكرار من البلاغات وإثراؤها وترتيبها بحيث يأتي الأطفال المعرّضون للخطر أولاً."),
            "zh-hans": ("分诊与优先排序", "对举报去重、补充信息并排序，使处于危险中的儿童优先得到处理。"),
            "fr": ("Tri et priorisation", "Dédoublonner, enrichir et classer les signalements pour que les enfants en danger passent en premier."),
            "ru": ("Сортировка и приоритизация", "Удаление дублей, обогащение и ранжирование сообщений, чтобы дети в опасности были в приоритете."),
            "es": ("Triaje y priorización", "Eliminar duplicados, enriquecer y ordenar las denuncias para que los niños en riesgo vayan primero."),
        },
    ),
    (
        3,
        "intelligence_osint",
        "Intelligence and online research",
        "Open-source research, monitoring of peer-to-peer and dark-web activity, "
        "sharing of signals between agencies.",
        {
            "ar": ("الاستخبارات والبحث عبر الإنترنت", "البحث في المصادر المفتوحة، ورصد نشاط شبكات الند للند والشبكة المظلمة، وتبادل المؤشرات بين الأجهزة."),
            "zh-hans": ("情报与网络调查", "开源调查，监测点对点网络和暗网活动，在机构之间共享线索。"),
            "fr": ("Renseignement et recherche en ligne", "Recherche en sources ouvertes, surveillance des réseaux pair-à-pair et du dark web, partage de signaux entre services."),
            "ru": ("Разведка и поиск в интернете", "Поиск по открытым источникам, мониторинг пиринговых сетей и даркнета, обмен сигналами между ведомствами."),
            "es": ("Inteligencia e investigación en línea", "Investigación en fuentes abiertas, vigilancia de redes entre pares y de la web oscura, intercambio de señales entre organismos."),
        },
    ),
    (
        4,
        "forensic_acquisition",
        "Search, seizure and forensic acquisition",
        "Warrants, on-scene triage of devices for known material, extraction of devices.",
        {
            "ar": ("التفتيش والضبط والاستحواذ الجنائي الرقمي", "أوامر التفتيش، والفرز الميداني للأجهزة بحثاً عن مواد معروفة، واستخراج بيانات الأجهزة."),
            "zh-hans": ("搜查、扣押与取证获取", "搜查令、现场对设备进行已知材料的快速筛查、设备数据提取。"),
            "fr": ("Perquisition, saisie et acquisition forensique", "Mandats, tri sur place des appareils à la recherche de contenus connus, extraction des appareils."),
            "ru": ("Обыск, изъятие и криминалистическое копирование", "Ордера, экспресс-проверка устройств на месте на известные материалы, извлечение данных с устройств."),
            "es": ("Registro, incautación y adquisición forense", "Órdenes judiciales, triaje en el lugar de los dispositivos en busca de material conocido, extracción de dispositivos."),
        },
    ),
    (
        5,
        "media_review",
        "Media review and categorisation",
        "Hash matching against known sets (Project VIC, CAID, ICSE), classifiers, "
        "de-duplication, legal severity grading.",
        {
            "ar": ("مراجعة الوسائط وتصنيفها", "مطابقة البصمات مع المجموعات المعروفة (Project VIC وCAID وICSE)، والمصنِّفات، وإزالة التكرار، والتصنيف القانوني للخطورة."),
            "zh-hans": ("媒体审查与分类", "与已知集合（Project VIC、CAID、ICSE）进行哈希比对、分类器、去重、法律严重程度分级。"),
            "fr": ("Examen et catégorisation des médias", "Comparaison d'empreintes avec les bases connues (Project VIC, CAID, ICSE), classificateurs, dédoublonnage, gradation juridique de la gravité."),
            "ru": ("Просмотр и категоризация медиафайлов", "Хеш-сопоставление с известными наборами (Project VIC, CAID, ICSE), классификаторы, удаление дублей, юридическая оценка тяжести."),
            "es": ("Revisión y categorización de medios", "Coincidencia de hashes con conjuntos conocidos (Project VIC, CAID, ICSE), clasificadores, eliminación de duplicados, graduación jurídica de la gravedad."),
        },
    ),
    (
        6,
        "victim_identification",
        "Victim identification",
        "Finding and safeguarding the children in the material: location and object "
        "clues, image databases, age cues.",
        {
            "ar": ("تحديد هوية الضحايا", "العثور على الأطفال الظاهرين في المواد وحمايتهم: دلائل المكان والأشياء، وقواعد بيانات الصور، ومؤشرات العمر."),
            "zh-hans": ("受害者识别", "找到并保护材料中的儿童：地点和物品线索、图像数据库、年龄线索。"),
            "fr": ("Identification des victimes", "Retrouver et protéger les enfants présents dans les contenus : indices de lieu et d'objets, bases d'images, indices d'âge."),
            "ru": ("Идентификация жертв", "Поиск и защита детей, изображённых в материалах: улики о месте и предметах, базы изображений, признаки возраста."),
            "es": ("Identificación de víctimas", "Encontrar y proteger a los niños que aparecen en el material: pistas de lugar y objetos, bases de datos de imágenes, indicios de edad."),
        },
    ),
    (
        7,
        "offender_identification",
        "Offender identification and network analysis",
        "Linking accounts, devices, cameras and faces; mapping networks.",
        {
            "ar": ("تحديد هوية الجناة وتحليل الشبكات", "الربط بين الحسابات والأجهزة والكاميرات والوجوه، ورسم خرائط الشبكات."),
            "zh-hans": ("犯罪者识别与网络分析", "关联账户、设备、相机和人脸；绘制关系网络。"),
            "fr": ("Identification des auteurs et analyse de réseaux", "Relier comptes, appareils, caméras et visages ; cartographier les réseaux."),
            "ru": ("Установление преступников и анализ сетей", "Связывание аккаунтов, устройств, камер и лиц; построение схем сетей."),
            "es": ("Identificación de agresores y análisis de redes", "Vincular cuentas, dispositivos, cámaras y rostros; trazar redes."),
        },
    ),
    (
        8,
        "case_building_safeguarding",
        "Case building, prosecution and safeguarding",
        "Case management, evidence reports for court, safeguarding referrals, removal "
        "of content for survivors.",
        {
            "ar": ("بناء القضية والملاحقة القضائية والحماية", "إدارة القضايا، وتقارير الأدلة للمحكمة، وإحالات الحماية، وإزالة المحتوى لصالح الناجين."),
            "zh-hans": ("案件构建、起诉与保护", "案件管理、提交法庭的证据报告、保护转介、为幸存者删除内容。"),
            "fr": ("Constitution du dossier, poursuites et protection", "Gestion des dossiers, rapports de preuve pour le tribunal, orientations de protection, retrait des contenus pour les survivants."),
            "ru": ("Подготовка дела, уголовное преследование и защита", "Ведение дел, доказательственные отчёты для суда, направление на защиту, удаление контента в интересах пострадавших."),
            "es": ("Construcción del caso, enjuiciamiento y protección", "Gestión de casos, informes de pruebas para el tribunal, derivaciones de protección, retirada de contenidos para las personas sobrevivientes."),
        },
    ),
]


def create_stages(apps, schema_editor):
    Stage = apps.get_model("learning_centre", "Stage")
    for position, key, name, summary, translations in STAGES:
        Stage.objects.update_or_create(
            key=key,
            defaults={
                "position": position,
                "name": name,
                "summary": summary,
                "translations": {
                    lang: {"name": local_name, "summary": local_summary}
                    for lang, (local_name, local_summary) in translations.items()
                },
            },
        )


def remove_stages(apps, schema_editor):
    apps.get_model("learning_centre", "Stage").objects.filter(
        key__in=[key for _, key, *_rest in STAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("learning_centre", "0001_initial")]

    operations = [migrations.RunPython(create_stages, remove_stages)]
