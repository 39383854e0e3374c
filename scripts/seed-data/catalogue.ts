/**
 * Demo catalogue for the local launcher: achievements, experts and demands, written by hand for this project.
 * All institutions, companies, people and figures are fictional. Enumerations use the Chinese words catalogues use;
 * industries are taxonomy names (resolved through TaxonomyService).
 *
 * `stage` says where seedCatalogue leaves an achievement: LISTED ones enter through the listed-catalogue import;
 * the others are driven through the real rights workflow by the seed's researcher, TTO officer and objector.
 */

export interface SeedOrganisation {
  /** externalKey is `seed:<slug>`. */
  slug: string;
  name: string;
  kind: 'UNIVERSITY' | 'RESEARCH_INSTITUTE' | 'ENTERPRISE';
  region: string;
}

export type SeedAchievementStage =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'DEPARTMENT_REVIEW'
  | 'TTO_REVIEW'
  | 'PUBLIC_NOTICE'
  /** Public notice, an objection sending it back to TTO review, then approved into a second notice. */
  | 'PUBLIC_NOTICE_AFTER_OBJECTION'
  | 'LISTED'
  | 'IN_NEGOTIATION'
  | 'TRANSFERRED';

export interface SeedAchievement {
  key: string;
  institution: string;
  stage: SeedAchievementStage;
  title: string;
  summary: string;
  keywords: string[];
  industry: string;
  trl: number;
  ipType: '发明专利' | '实用新型' | '软件著作权' | '技术秘密' | '集成电路布图设计' | '植物新品种';
  transferModes: Array<'转让' | '许可' | '作价入股' | '合作开发' | '技术服务'>;
  askingPriceWan: number | null;
  rightsStatus: '赋权确认' | '学校所有' | '已转化';
  region: string;
  inventors: Array<{ name: string; share: number }>;
  /** For the objection stage. */
  objection?: string;
}

export interface SeedExpert {
  key: string;
  institution: string;
  name: string;
  title: string;
  fields: string[];
  bio: string;
  region: string;
}

export interface SeedDemand {
  key: string;
  enterprise: string;
  status: 'DRAFT' | 'OPEN' | 'IN_PROGRESS';
  title: string;
  summary: string;
  industry: string;
  budgetWan: number | null;
  cooperationModes: Array<'转让' | '许可' | '作价入股' | '合作开发' | '技术服务'>;
  region: string;
  anonymous?: boolean;
}

export const SEED_ORGANISATIONS: SeedOrganisation[] = [
  { slug: 'minghu-university', name: '明湖理工大学', kind: 'UNIVERSITY', region: '杭州' },
  { slug: 'qinglan-university', name: '青岚大学', kind: 'UNIVERSITY', region: '南京' },
  { slug: 'dongyue-institute', name: '东岳信息工程学院', kind: 'UNIVERSITY', region: '济南' },
  { slug: 'lingxiao-lab', name: '凌霄低空技术研究院', kind: 'RESEARCH_INSTITUTE', region: '成都' },
  { slug: 'nanyu-agri', name: '南屿农业科学研究所', kind: 'RESEARCH_INSTITUTE', region: '福州' },
  { slug: 'xingchen-manufacturing', name: '星辰智造科技有限公司', kind: 'ENTERPRISE', region: '苏州' },
  { slug: 'chengjiang-env', name: '澄江环保设备有限公司', kind: 'ENTERPRISE', region: '无锡' },
  { slug: 'hanhai-logistics', name: '瀚海物流科技有限公司', kind: 'ENTERPRISE', region: '郑州' },
  { slug: 'yizhan-aviation', name: '翼展航空科技有限公司', kind: 'ENTERPRISE', region: '西安' },
  { slug: 'hefeng-agri', name: '禾丰农业发展有限公司', kind: 'ENTERPRISE', region: '潍坊' },
  { slug: 'anze-medical', name: '安泽医疗器械有限公司', kind: 'ENTERPRISE', region: '深圳' },
];

export const SEED_ACHIEVEMENTS: SeedAchievement[] = [
  // ---- 软件信息 ----
  {
    key: 'SA01',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '面向政务数据共享的细粒度访问控制与审计系统',
    summary:
      '针对跨部门数据共享中“要么全给、要么不给”的粗放授权问题，提出基于属性与用途绑定的访问控制模型，字段级脱敏策略随调用方用途自动生成，所有调用留痕并支持区块链存证回溯。已在两个区县大数据中心试运行，接口平均时延增加不超过8毫秒。',
    keywords: ['数据共享', '访问控制', '数据脱敏', '审计追溯'],
    industry: '软件信息',
    trl: 7,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 80,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '周明远', share: 60 },
      { name: '陈若溪', share: 40 },
    ],
  },
  {
    key: 'SA02',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: '老旧业务系统COBOL代码向Java的自动迁移工具',
    summary:
      '银行、社保等行业仍有大量运行在大型机上的COBOL程序，人工改写成本高、风险大。本工具先将COBOL源码解析为中间表示，再结合规则与代码大模型生成等价Java代码，并自动生成回归测试用例比对新旧系统输出。某城商行试点中，12万行代码的迁移工作量由估算的30人月降至9人月。',
    keywords: ['遗留系统迁移', 'COBOL', '代码生成', '回归测试'],
    industry: '软件信息',
    trl: 6,
    ipType: '软件著作权',
    transferModes: ['许可', '合作开发'],
    askingPriceWan: null,
    rightsStatus: '学校所有',
    region: '济南',
    inventors: [{ name: '孔令航', share: 100 }],
  },
  {
    key: 'SA03',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: 'Low-code workflow engine with formal verification of approval rules',
    summary:
      'Approval workflows in government and enterprise portals are often configured by non-programmers, and conflicting rules surface only in production. This engine compiles visual workflow definitions into a state model and checks them with a bounded model checker before release, reporting deadlocks, unreachable steps and rules that can approve a request without the required sign-off. A provincial service portal used it to validate 340 workflows and found 27 defects before go-live.',
    keywords: ['low-code', 'workflow', 'model checking', 'BPMN'],
    industry: '软件信息',
    trl: 6,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 50,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: 'Lin Zhiyuan', share: 70 },
      { name: 'Maria Keller', share: 30 },
    ],
  },
  {
    key: 'SA04',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '工业APP微服务的灰度发布与故障自愈平台',
    summary:
      '为制造企业私有云上的工业APP提供按产线、按班组的灰度发布能力，发布过程中实时比对关键业务指标，异常时自动回滚；结合调用链与日志的根因定位模型，平均故障恢复时间由47分钟缩短到9分钟。支持国产操作系统与数据库环境。',
    keywords: ['微服务', '灰度发布', '故障自愈', '根因分析'],
    industry: '软件信息',
    trl: 7,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务', '合作开发'],
    askingPriceWan: 60,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '沈嘉禾', share: 55 },
      { name: '王一舟', share: 45 },
    ],
  },
  {
    key: 'SA05',
    institution: 'dongyue-institute',
    stage: 'DRAFT',
    title: '基于知识图谱的政策匹配与申报辅助系统',
    summary:
      '将各级惠企政策条款拆解为可计算的条件图谱，结合企业工商、税务、知识产权数据自动判断可申报项目并预填申报材料，减少企业“政策看不懂、材料反复退”的问题。已完成原型，正在与一个区级营商环境办公室对接试点。',
    keywords: ['知识图谱', '惠企政策', '智能申报'],
    industry: '软件信息',
    trl: 4,
    ipType: '软件著作权',
    transferModes: ['合作开发', '技术服务'],
    askingPriceWan: null,
    rightsStatus: '赋权确认',
    region: '济南',
    inventors: [
      { name: '孔令航', share: 50 },
      { name: '刘芸', share: 50 },
    ],
  },
  // ---- 人工智能 ----
  {
    key: 'SA06',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '小样本条件下的纺织品瑕疵视觉检测方法',
    summary:
      '纺织面料花色多、换款快，每个新款只能提供几十张瑕疵样本。本方法以无瑕疵图像训练重建网络，再用少量瑕疵样本微调判别头，对破洞、油污、断经断纬等12类瑕疵的检出率达到96.5%，误报率低于2%；单台工控机可处理幅宽1.8米、车速60米/分钟的验布机图像。',
    keywords: ['瑕疵检测', '小样本学习', '机器视觉', '验布'],
    industry: '人工智能',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['许可', '转让', '技术服务'],
    askingPriceWan: 150,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '周明远', share: 40 },
      { name: '许晴川', share: 35 },
      { name: '丁可', share: 25 },
    ],
  },
  {
    key: 'SA07',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '面向客服质检的中文语音情绪与违规话术识别',
    summary:
      '在方言口音和背景噪声较重的坐席录音上，联合建模语音声学特征与转写文本，识别客户不满情绪、坐席推诿和违规承诺话术。支持江淮官话、吴语等口音，整体F1值0.89。已部署于一家省级运营商客服中心，质检覆盖率由抽检5%提高到全量。',
    keywords: ['语音情绪识别', '客服质检', '方言', '话术合规'],
    industry: '人工智能',
    trl: 8,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 120,
    rightsStatus: '学校所有',
    region: '南京',
    inventors: [{ name: '韩书瑶', share: 100 }],
  },
  {
    key: 'SA08',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: 'Retrieval-augmented question answering over equipment maintenance manuals',
    summary:
      'Field technicians lose time searching scanned maintenance manuals, many of which mix Chinese and English and contain tables and wiring diagrams. The system parses scanned PDFs with layout-aware OCR, links tables and figures to the surrounding procedure text, and answers questions with cited passages through a locally deployed language model. On a benchmark of 600 questions from a compressor manufacturer it answered 84 percent correctly with a correct citation, and it runs on a single GPU server inside the plant network.',
    keywords: ['RAG', 'question answering', 'maintenance', 'OCR', 'on-premise LLM'],
    industry: '人工智能',
    trl: 6,
    ipType: '软件著作权',
    transferModes: ['许可', '合作开发'],
    askingPriceWan: 90,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: 'Xu Qingchuan', share: 65 },
      { name: 'Ding Ke', share: 35 },
    ],
  },
  {
    key: 'SA09',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: '基于多模态大模型的电力巡检缺陷自动判读',
    summary:
      '输电线路无人机巡检每年产生数百万张图片，人工判读耗时。本成果构建了覆盖绝缘子破损、销钉缺失、鸟巢、异物等38类缺陷的标注库，训练多模态判读模型并自动生成缺陷描述与等级建议，判读效率较人工提升20倍，关键缺陷召回率97%。',
    keywords: ['电力巡检', '缺陷识别', '多模态大模型', '无人机影像'],
    industry: '人工智能',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 200,
    rightsStatus: '赋权确认',
    region: '济南',
    inventors: [
      { name: '马骁', share: 50 },
      { name: '孔令航', share: 30 },
      { name: '蒋文', share: 20 },
    ],
  },
  {
    key: 'SA10',
    institution: 'qinglan-university',
    stage: 'SUBMITTED',
    title: '中小学作业手写数学公式识别与批改',
    summary:
      '针对拍照上传的手写数学作业，识别分式、根式、方程组等二维结构公式并判断解题步骤正误，给出错因提示。在3万份初中作业上测试，公式识别准确率94%，步骤判定与教师一致率91%，可用于课后作业的自动批改与学情分析。',
    keywords: ['手写公式识别', '作业批改', '教育人工智能'],
    industry: '人工智能',
    trl: 5,
    ipType: '发明专利',
    transferModes: ['许可', '合作开发'],
    askingPriceWan: 70,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '韩书瑶', share: 60 },
      { name: '陆子衿', share: 40 },
    ],
  },
  {
    key: 'SA11',
    institution: 'minghu-university',
    stage: 'PUBLIC_NOTICE',
    title: '生产排程的可解释强化学习优化器',
    summary:
      '面向注塑、机加工等多品种小批量车间，以强化学习生成排程方案，同时输出每个调度决策的约束依据和替代方案对比，便于计划员理解和调整。在一家汽车零部件企业试用中，换模次数减少18%，订单准时率由81%提升至94%。',
    keywords: ['生产排程', '强化学习', '可解释性', '车间调度'],
    industry: '人工智能',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['许可', '作价入股'],
    askingPriceWan: 180,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '沈嘉禾', share: 50 },
      { name: '周明远', share: 30 },
      { name: '丁可', share: 20 },
    ],
  },
  // ---- 低空经济 ----
  {
    key: 'SA12',
    institution: 'lingxiao-lab',
    stage: 'LISTED',
    title: '城市低空物流无人机航路规划与冲突消解系统',
    summary:
      '在城市建筑密集区为多架物流无人机规划三维航路，综合考虑禁飞区、人口密度、风场和电量约束，飞行中实时检测潜在冲突并给出调速、调高或绕飞建议。仿真中支持200架次/小时的同空域调度，冲突消解成功率99.6%，已接入一个低空飞行服务站试运行。',
    keywords: ['低空物流', '航路规划', '冲突消解', 'UTM'],
    industry: '低空经济',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['许可', '合作开发', '作价入股'],
    askingPriceWan: 300,
    rightsStatus: '赋权确认',
    region: '成都',
    inventors: [
      { name: '杜云鹏', share: 45 },
      { name: '罗佳', share: 35 },
      { name: '白一鸣', share: 20 },
    ],
  },
  {
    key: 'SA13',
    institution: 'lingxiao-lab',
    stage: 'LISTED',
    title: '复合翼无人机长航时氢燃料电池动力系统',
    summary:
      '为15–25千克级垂直起降复合翼无人机设计的氢燃料电池—锂电池混合动力系统，燃料电池负责巡航、锂电池承担起降峰值功率，能量管理策略根据任务剖面自适应分配。实测满载续航4.2小时，是同级纯电方案的2.6倍，低温-10℃可正常启动。',
    keywords: ['氢燃料电池', '复合翼无人机', '长航时', '混合动力'],
    industry: '低空经济',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['转让', '许可', '合作开发'],
    askingPriceWan: 450,
    rightsStatus: '学校所有',
    region: '成都',
    inventors: [
      { name: '罗佳', share: 60 },
      { name: '何志远', share: 40 },
    ],
  },
  {
    key: 'SA14',
    institution: 'lingxiao-lab',
    stage: 'LISTED',
    title: 'Acoustic detection and bearing estimation of small drones with a compact microphone array',
    summary:
      'Radar struggles with small, slow drones near buildings, and cameras fail at night. This device uses a 32-element microphone array and a neural classifier trained on rotor noise to detect multirotor drones up to 300 metres away and estimate their bearing within 3 degrees. It separates drone noise from traffic and construction sound, draws under 15 watts, and can feed bearings into existing radio-frequency or radar systems for fused tracking at stadiums, prisons and substations.',
    keywords: ['counter-UAV', 'acoustic detection', 'microphone array', 'drone'],
    industry: '低空经济',
    trl: 5,
    ipType: '发明专利',
    transferModes: ['许可', '合作开发'],
    askingPriceWan: null,
    rightsStatus: '赋权确认',
    region: '成都',
    inventors: [
      { name: 'Bai Yiming', share: 55 },
      { name: 'Du Yunpeng', share: 45 },
    ],
  },
  {
    key: 'SA15',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '无人机桥梁巡检的近距离避障与贴近拍摄控制',
    summary:
      '桥梁底面和墩柱附近卫星信号弱、气流复杂，常规无人机难以稳定贴近拍摄。本成果融合激光雷达与视觉惯性里程计，在距结构面1.5米处保持±10厘米的位置精度，按预设网格自动拍摄并拼接裂缝全景图，单跨巡检时间由2小时缩短为25分钟。',
    keywords: ['桥梁巡检', '无人机', '避障', '视觉惯性里程计'],
    industry: '低空经济',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 160,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '王一舟', share: 70 },
      { name: '许晴川', share: 30 },
    ],
  },
  {
    key: 'SA16',
    institution: 'lingxiao-lab',
    stage: 'PUBLIC_NOTICE_AFTER_OBJECTION',
    title: 'eVTOL飞行器旋翼噪声主动抑制技术',
    summary:
      '通过在桨尖附近布置微型作动片，根据旋翼转速和前飞速度实时调节桨尖涡流，降低城市空中交通飞行器起降阶段的噪声。缩比试验中起降阶段噪声降低4.8分贝(A)，功耗增加不到1%，适用于载人及大型货运eVTOL。',
    keywords: ['eVTOL', '旋翼噪声', '主动控制', '城市空中交通'],
    industry: '低空经济',
    trl: 4,
    ipType: '发明专利',
    transferModes: ['许可', '合作开发'],
    askingPriceWan: 260,
    rightsStatus: '赋权确认',
    region: '成都',
    inventors: [
      { name: '杜云鹏', share: 50 },
      { name: '何志远', share: 50 },
    ],
    objection: '本人曾参与该技术的早期缩比试验设计，但未被列入完成人名单，请核实完成人及贡献比例。',
  },
  {
    key: 'SA17',
    institution: 'lingxiao-lab',
    stage: 'TTO_REVIEW',
    title: '低空飞行器适航审定的数字化试飞数据管理平台',
    summary:
      '将试飞任务单、机载数据、地面遥测和审定条款关联管理，自动检查每个审定科目的数据完整性并生成符合性报告初稿，减少中小型无人机企业在适航审定中的文档返工。已在两家企业的型号审定中试用。',
    keywords: ['适航审定', '试飞数据', '符合性验证'],
    industry: '低空经济',
    trl: 5,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 40,
    rightsStatus: '赋权确认',
    region: '成都',
    inventors: [
      { name: '白一鸣', share: 60 },
      { name: '罗佳', share: 40 },
    ],
  },
  // ---- 物联网 ----
  {
    key: 'SA18',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: '地下管廊多参数无线传感网络与低功耗组网协议',
    summary:
      '管廊内金属结构多、信号衰减大，有线传感器布线成本高。本成果设计了中继自组织的低功耗无线组网协议，节点以两节锂亚电池工作5年以上，监测温湿度、氧气、甲烷、硫化氢、水位和井盖状态，单跨距离可达400米，已在3公里管廊示范段稳定运行两年。',
    keywords: ['综合管廊', '无线传感网', '低功耗', '气体监测'],
    industry: '物联网',
    trl: 8,
    ipType: '发明专利',
    transferModes: ['转让', '许可', '技术服务'],
    askingPriceWan: 110,
    rightsStatus: '赋权确认',
    region: '济南',
    inventors: [
      { name: '蒋文', share: 55 },
      { name: '马骁', share: 45 },
    ],
  },
  {
    key: 'SA19',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '冷链运输箱体温度的无源RFID传感标签',
    summary:
      '无需电池的超高频RFID温度标签，读写器供能时采样并记录温度，贴附于疫苗、生鲜包装箱，出入库时批量读取全程超温记录。测温精度±0.3℃，工作温度-40℃至70℃，单枚成本可控制在3元以内，适合大规模冷链追溯。',
    keywords: ['RFID', '无源传感', '冷链', '温度追溯'],
    industry: '物联网',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['转让', '许可'],
    askingPriceWan: 90,
    rightsStatus: '学校所有',
    region: '杭州',
    inventors: [{ name: '陈若溪', share: 100 }],
  },
  {
    key: 'SA20',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '楼宇空调系统的边缘侧负荷预测与群控节能',
    summary:
      '在楼宇网关上运行轻量化负荷预测模型，结合天气预报和人员密度提前调整冷机、水泵和风机的运行组合，无需改造原有楼控系统即可接入。在两栋商业综合体中全年节电14%至19%，投资回收期不到两年。',
    keywords: ['楼宇节能', '边缘计算', '负荷预测', '暖通空调'],
    industry: '物联网',
    trl: 8,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 75,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '陆子衿', share: 50 },
      { name: '唐柏', share: 50 },
    ],
  },
  {
    key: 'SA21',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: 'NB-IoT智能水表的远程固件差分升级方案',
    summary:
      '水表等电池供电终端无法承受完整固件下载的功耗。本方案在服务端生成压缩差分包，终端分段接收、断点续传并校验，升级失败自动回退旧版本。差分包体积平均为完整固件的7%，单次升级耗电低于电池容量的0.1%，已在8万只水表上完成升级。',
    keywords: ['NB-IoT', '差分升级', 'FOTA', '智能水表'],
    industry: '物联网',
    trl: 9,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 65,
    rightsStatus: '学校所有',
    region: '济南',
    inventors: [
      { name: '马骁', share: 60 },
      { name: '刘芸', share: 40 },
    ],
  },
  {
    key: 'SA22',
    institution: 'qinglan-university',
    stage: 'DEPARTMENT_REVIEW',
    title: '养老机构毫米波雷达无感跌倒与夜间离床监测',
    summary:
      '利用安装在天花板的毫米波雷达感知老人的姿态、呼吸和离床行为，不涉及摄像头和可穿戴设备，保护隐私。跌倒识别准确率95%，夜间离床超时告警延迟小于10秒，可接入机构护理呼叫系统。',
    keywords: ['毫米波雷达', '跌倒检测', '智慧养老', '非接触监测'],
    industry: '物联网',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['许可', '合作开发'],
    askingPriceWan: 85,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '唐柏', share: 70 },
      { name: '韩书瑶', share: 30 },
    ],
  },
  {
    key: 'SA23',
    institution: 'minghu-university',
    stage: 'IN_NEGOTIATION',
    title: 'Battery-free vibration sensing for rotating machinery using energy harvesting',
    summary:
      'Retrofitting wireless vibration sensors on pumps and fans is held back by battery replacement. This sensor node harvests energy from machine vibration with a piezoelectric cantilever tuned by a magnetic spring, measures triaxial vibration and surface temperature, and transmits condition indicators over a low-power radio every ten minutes. It starts operating at vibration levels as low as 0.05 g and has run for eighteen months on cooling-tower fans in a chemical plant without maintenance.',
    keywords: ['energy harvesting', 'vibration monitoring', 'predictive maintenance', 'wireless sensor'],
    industry: '物联网',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['转让', '许可', '作价入股'],
    askingPriceWan: 220,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: 'Chen Ruoxi', share: 50 },
      { name: 'Wang Yizhou', share: 50 },
    ],
  },
  // ---- 集成电路 ----
  {
    key: 'SA24',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '12位低功耗逐次逼近型模数转换器IP核',
    summary:
      '采用分段电容阵列和异步逻辑的SAR ADC设计，在55纳米工艺下实现12位精度、2MS/s采样率，功耗仅38微瓦，有效位数11.2位，适合可穿戴和物联网传感芯片集成。提供版图、仿真模型和测试报告。',
    keywords: ['SAR ADC', '低功耗', '模拟IP', '混合信号'],
    industry: '集成电路',
    trl: 7,
    ipType: '集成电路布图设计',
    transferModes: ['许可', '转让'],
    askingPriceWan: 130,
    rightsStatus: '学校所有',
    region: '南京',
    inventors: [
      { name: '唐柏', share: 40 },
      { name: '顾言', share: 60 },
    ],
  },
  {
    key: 'SA25',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '芯片封装焊点X射线图像的空洞率自动测量',
    summary:
      '针对BGA和功率模块焊层的X射线检测图像，自动分割焊点和空洞区域并计算空洞率，对重叠焊点和低对比度图像进行增强处理，测量结果与人工复核的偏差小于1.5个百分点，单张图像处理时间0.3秒，可集成到在线检测设备。',
    keywords: ['X射线检测', '焊点空洞', '封装测试', '图像分割'],
    industry: '集成电路',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 95,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '许晴川', share: 50 },
      { name: '丁可', share: 50 },
    ],
  },
  // ---- 新材料 ----
  {
    key: 'SA26',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '耐高温芳纶纳米纤维锂电池隔膜',
    summary:
      '以芳纶纳米纤维为骨架、陶瓷颗粒填充的复合隔膜，200℃下热收缩率小于2%，孔隙率和透气性与常规聚烯烃隔膜相当，显著提升动力电池热失控安全性。已完成卷对卷中试，幅宽600毫米，厚度可控制在12至20微米。',
    keywords: ['锂电池隔膜', '芳纶纳米纤维', '热安全', '复合材料'],
    industry: '新材料',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['转让', '许可', '作价入股'],
    askingPriceWan: 500,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '顾言', share: 40 },
      { name: '宋安然', share: 40 },
      { name: '陆子衿', share: 20 },
    ],
  },
  {
    key: 'SA27',
    institution: 'dongyue-institute',
    stage: 'DRAFT',
    title: '海洋工程用自修复防腐涂层',
    summary:
      '在环氧涂层中引入负载缓蚀剂的微胶囊，涂层划伤后微胶囊破裂释放修复剂和缓蚀剂，盐雾试验3000小时无起泡剥落，划痕处腐蚀扩展宽度小于1毫米，适用于海上风电塔筒和跨海桥梁钢结构。',
    keywords: ['自修复涂层', '防腐', '微胶囊', '海洋工程'],
    industry: '新材料',
    trl: 4,
    ipType: '发明专利',
    transferModes: ['合作开发', '许可'],
    askingPriceWan: null,
    rightsStatus: '赋权确认',
    region: '济南',
    inventors: [
      { name: '蒋文', share: 50 },
      { name: '宋安然', share: 50 },
    ],
  },
  // ---- 生物医药 ----
  {
    key: 'SA28',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '重组人源胶原蛋白的毕赤酵母高密度发酵工艺',
    summary:
      '构建分泌表达人源III型胶原蛋白片段的毕赤酵母工程菌，优化甲醇诱导策略和补料方式，50升发酵罐表达量达到8.5克/升，纯化后纯度高于98%，内毒素符合医用敷料原料要求。可提供菌种、工艺包和放大技术支持。',
    keywords: ['重组胶原蛋白', '毕赤酵母', '高密度发酵', '生物制造'],
    industry: '生物医药',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['转让', '许可', '作价入股'],
    askingPriceWan: 600,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '宋安然', share: 70 },
      { name: '顾言', share: 30 },
    ],
  },
  {
    key: 'SA29',
    institution: 'minghu-university',
    stage: 'SUBMITTED',
    title: '基于微流控芯片的呼吸道病原体多重快速检测',
    summary:
      '在一张一次性微流控芯片上完成核酸提取、扩增与荧光检测，40分钟内同时检出流感病毒甲乙型、呼吸道合胞病毒、肺炎支原体等8种病原体，检测下限每毫升200拷贝，配套便携式检测仪适合基层医疗机构使用。',
    keywords: ['微流控', '多重核酸检测', '呼吸道病原体', 'POCT'],
    industry: '生物医药',
    trl: 5,
    ipType: '发明专利',
    transferModes: ['许可', '合作开发', '作价入股'],
    askingPriceWan: 350,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '陈若溪', share: 40 },
      { name: '许晴川', share: 60 },
    ],
  },
  // ---- 医疗器械 ----
  {
    key: 'SA30',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '可穿戴式连续血压监测腕带',
    summary:
      '基于脉搏波传导时间与光电容积脉搏波形态特征的连续血压估计算法，用户每月以袖带血压计校准一次，日常佩戴即可连续记录血压变化。与临床动态血压计对比，收缩压平均误差2.8毫米汞柱，标准差6.1毫米汞柱，满足动态监测的趋势评估需要。',
    keywords: ['连续血压', '可穿戴', '脉搏波', '慢病管理'],
    industry: '医疗器械',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['转让', '许可'],
    askingPriceWan: 280,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '陆子衿', share: 60 },
      { name: '韩书瑶', share: 40 },
    ],
  },
  {
    key: 'SA31',
    institution: 'minghu-university',
    stage: 'PUBLIC_NOTICE',
    title: '腹腔镜手术器械的力反馈主从控制系统',
    summary:
      '在从手器械末端集成微型六维力传感器，将组织接触力实时反馈到医生操作的主手，力反馈分辨率0.05牛，延迟小于5毫秒，可设置虚拟安全边界防止误伤重要组织。已完成离体组织实验。',
    keywords: ['手术机器人', '力反馈', '主从控制', '腹腔镜'],
    industry: '医疗器械',
    trl: 5,
    ipType: '发明专利',
    transferModes: ['合作开发', '作价入股'],
    askingPriceWan: 800,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '王一舟', share: 50 },
      { name: '沈嘉禾', share: 30 },
      { name: '丁可', share: 20 },
    ],
  },
  // ---- 智能制造 ----
  {
    key: 'SA32',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '数控机床刀具磨损的主轴电流在线监测',
    summary:
      '无需加装外部传感器，直接读取数控系统中的主轴与进给电流信号，结合加工程序段信息识别刀具磨损和崩刃，在切削过程中给出换刀建议。在铝合金壳体加工线上，刀具利用率提升22%，因刀具失效导致的废品减少70%。',
    keywords: ['刀具磨损', '在线监测', '数控机床', '主轴电流'],
    industry: '智能制造',
    trl: 8,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 100,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '沈嘉禾', share: 60 },
      { name: '周明远', share: 40 },
    ],
  },
  {
    key: 'SA33',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: '焊接机器人的焊缝激光视觉跟踪与自适应参数调整',
    summary:
      '激光线结构光传感器实时测量坡口宽度和错边量，控制器据此调整焊枪位置、摆幅和送丝速度，可补偿工件装配误差±2毫米。在工程机械结构件焊接中，一次焊接合格率由88%提高到98%。',
    keywords: ['焊缝跟踪', '激光视觉', '焊接机器人', '自适应焊接'],
    industry: '智能制造',
    trl: 8,
    ipType: '发明专利',
    transferModes: ['转让', '许可'],
    askingPriceWan: 140,
    rightsStatus: '学校所有',
    region: '济南',
    inventors: [{ name: '刘芸', share: 100 }],
  },
  {
    key: 'SA34',
    institution: 'qinglan-university',
    stage: 'TRANSFERRED',
    title: '注塑成型工艺参数的数字孪生优化系统',
    summary:
      '基于模流仿真与生产数据建立注塑过程数字孪生，自动推荐保压、冷却和温度参数，减少试模次数。在家电外壳产品上，试模次数由平均7次降至2次，短射和缩痕缺陷率下降60%。该成果已许可一家模具企业使用。',
    keywords: ['注塑成型', '数字孪生', '工艺优化', '模流分析'],
    industry: '智能制造',
    trl: 8,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 70,
    rightsStatus: '已转化',
    region: '南京',
    inventors: [
      { name: '顾言', share: 50 },
      { name: '唐柏', share: 50 },
    ],
  },
  // ---- 新能源 ----
  {
    key: 'SA35',
    institution: 'qinglan-university',
    stage: 'LISTED',
    title: '分布式光伏电站的组串级故障诊断方法',
    summary:
      '利用逆变器已有的组串电流电压数据，结合辐照度和组件温度估算期望出力，识别热斑、遮挡、积灰、旁路二极管失效等故障并定位到组串，无需加装监测硬件。在40座工商业屋顶电站中，故障发现时间从平均23天缩短到2天。',
    keywords: ['光伏运维', '故障诊断', '组串监测', '分布式光伏'],
    industry: '新能源',
    trl: 7,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 45,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '唐柏', share: 60 },
      { name: '陆子衿', share: 40 },
    ],
  },
  {
    key: 'SA36',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: 'Fast state-of-health estimation for retired EV batteries before second-life use',
    summary:
      'Grading retired electric-vehicle battery packs for energy storage normally requires full charge and discharge cycles that take hours per module. This method applies a short multi-frequency current pulse, fits an equivalent-circuit model and a learned correction to estimate capacity fade and internal resistance in under five minutes. On 1,200 retired lithium iron phosphate modules the estimate was within 3 percent of the measured capacity, which lets recyclers sort modules on a production line.',
    keywords: ['battery second life', 'state of health', 'EV battery recycling', 'impedance'],
    industry: '新能源',
    trl: 6,
    ipType: '发明专利',
    transferModes: ['许可', '转让', '技术服务'],
    askingPriceWan: 160,
    rightsStatus: '赋权确认',
    region: '济南',
    inventors: [
      { name: 'Ma Xiao', share: 60 },
      { name: 'Jiang Wen', share: 40 },
    ],
  },
  // ---- 节能环保 ----
  {
    key: 'SA37',
    institution: 'dongyue-institute',
    stage: 'LISTED',
    title: '印染废水的臭氧催化氧化深度处理工艺',
    summary:
      '以负载锰铈氧化物的陶粒为催化剂强化臭氧氧化，分解生化处理后残留的难降解染料和助剂，出水化学需氧量稳定低于50毫克/升、色度低于10倍，臭氧投加量比单独臭氧氧化降低35%，催化剂连续使用一年活性无明显下降。',
    keywords: ['印染废水', '催化臭氧氧化', '深度处理', 'COD'],
    industry: '节能环保',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['转让', '许可', '技术服务'],
    askingPriceWan: 180,
    rightsStatus: '赋权确认',
    region: '济南',
    inventors: [
      { name: '宋安然', share: 30 },
      { name: '蒋文', share: 70 },
    ],
  },
  {
    key: 'SA38',
    institution: 'qinglan-university',
    stage: 'DRAFT',
    title: '建筑垃圾再生骨料的智能分选与品质评价',
    summary:
      '结合近红外光谱与可见光图像识别破碎后建筑垃圾中的混凝土、砖块、木材、塑料等组分，由高速气阀分选，再生骨料杂质含量降至0.5%以下，同时给出吸水率和压碎值的在线估计，为再生骨料分级销售提供依据。',
    keywords: ['建筑垃圾', '再生骨料', '智能分选', '近红外'],
    industry: '节能环保',
    trl: 5,
    ipType: '发明专利',
    transferModes: ['合作开发', '许可'],
    askingPriceWan: 120,
    rightsStatus: '赋权确认',
    region: '南京',
    inventors: [
      { name: '顾言', share: 50 },
      { name: '宋安然', share: 50 },
    ],
  },
  // ---- 现代农业 ----
  {
    key: 'SA39',
    institution: 'nanyu-agri',
    stage: 'LISTED',
    title: '茶园病虫害的图像识别与绿色防控决策系统',
    summary:
      '农户用手机拍摄茶树叶片即可识别茶小绿叶蝉、茶饼病、炭疽病等20种常见病虫害，系统结合虫情测报灯和气象数据预测发生趋势，推荐生物农药和物理防控措施。在福建3个茶叶合作社应用，化学农药用量减少30%。',
    keywords: ['茶园', '病虫害识别', '绿色防控', '智慧农业'],
    industry: '现代农业',
    trl: 7,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 35,
    rightsStatus: '学校所有',
    region: '福州',
    inventors: [
      { name: '林清禾', share: 60 },
      { name: '郑一帆', share: 40 },
    ],
  },
  {
    key: 'SA40',
    institution: 'nanyu-agri',
    stage: 'LISTED',
    title: '耐热高产杂交水稻新品种“闽禾优8号”',
    summary:
      '以自育不育系与抗高温恢复系配组育成的籼型三系杂交稻，抽穗期遇35℃以上高温结实率仍在80%以上，区试平均亩产642公斤，比对照增产7.3%，米质达到部颁二级，中抗稻瘟病，适宜华南双季稻区作早晚稻种植。',
    keywords: ['杂交水稻', '耐热', '新品种', '高产'],
    industry: '现代农业',
    trl: 8,
    ipType: '植物新品种',
    transferModes: ['转让', '许可'],
    askingPriceWan: 260,
    rightsStatus: '赋权确认',
    region: '福州',
    inventors: [
      { name: '郑一帆', share: 50 },
      { name: '林清禾', share: 30 },
      { name: '黄穗', share: 20 },
    ],
  },
  {
    key: 'SA41',
    institution: 'nanyu-agri',
    stage: 'LISTED',
    title: '设施大棚水肥一体化的作物需水模型与控制器',
    summary:
      '根据基质含水率、棚内温湿度、光照和作物生育期估算番茄、黄瓜每日需水需肥量，控制器按小时分次滴灌，可通过手机远程调整配方。与经验灌溉相比节水32%、节肥25%，番茄产量提高9%。',
    keywords: ['水肥一体化', '设施农业', '精准灌溉', '作物模型'],
    industry: '现代农业',
    trl: 8,
    ipType: '实用新型',
    transferModes: ['转让', '技术服务'],
    askingPriceWan: 30,
    rightsStatus: '赋权确认',
    region: '福州',
    inventors: [
      { name: '黄穗', share: 70 },
      { name: '郑一帆', share: 30 },
    ],
  },
  // ---- 文旅教育 ----
  {
    key: 'SA42',
    institution: 'minghu-university',
    stage: 'LISTED',
    title: '景区客流的多源数据实时估计与疏导',
    summary:
      '融合闸机、视频、手机信令抽样和停车场数据，以5分钟粒度估计景区各片区客流密度并预测未来一小时的变化，超过阈值时自动推送分流路线和错峰建议。在一个5A级景区的节假日高峰中，核心区最大密度下降21%。',
    keywords: ['智慧景区', '客流估计', '分流疏导', '多源数据融合'],
    industry: '文旅教育',
    trl: 7,
    ipType: '软件著作权',
    transferModes: ['许可', '技术服务'],
    askingPriceWan: 55,
    rightsStatus: '赋权确认',
    region: '杭州',
    inventors: [
      { name: '周明远', share: 50 },
      { name: '王一舟', share: 50 },
    ],
  },
];

export const SEED_EXPERTS: SeedExpert[] = [
  {
    key: 'SE01',
    institution: 'minghu-university',
    name: '周明远',
    title: '教授',
    fields: ['数据安全', '访问控制', '政务大数据'],
    bio: '长期从事数据安全与隐私保护研究，主持多项省级政务数据共享平台的安全体系设计，擅长数据分级分类、脱敏和审计方案。可提供数据安全合规咨询和联合研发。',
    region: '杭州',
  },
  {
    key: 'SE02',
    institution: 'minghu-university',
    name: '沈嘉禾',
    title: '副教授',
    fields: ['生产调度', '工业软件', '强化学习'],
    bio: '研究方向为离散制造的计划排程与工业软件，曾为汽车零部件、注塑企业实施排程系统。可为企业提供MES/APS选型咨询、排程算法定制和兼职技术顾问服务。',
    region: '杭州',
  },
  {
    key: 'SE03',
    institution: 'qinglan-university',
    name: '韩书瑶',
    title: '教授',
    fields: ['语音识别', '自然语言处理', '教育人工智能'],
    bio: '从事中文语音与语言技术研究，在方言语音识别和口语评测方面有多年积累，指导团队研制的客服质检系统已在运营商落地。可承担语音类项目的技术评估、模型定制和讲学。',
    region: '南京',
  },
  {
    key: 'SE04',
    institution: 'lingxiao-lab',
    name: '杜云鹏',
    title: '研究员',
    fields: ['低空交通管理', '航路规划', '无人机集群'],
    bio: '主要研究城市低空交通管理与无人机集群协同，参与制定地方低空飞行服务保障规范。可为低空物流、城市空中交通项目提供空域规划咨询、系统方案论证和联合研发。',
    region: '成都',
  },
  {
    key: 'SE05',
    institution: 'lingxiao-lab',
    name: '罗佳',
    title: '高级工程师',
    fields: ['无人机动力系统', '氢燃料电池', '能量管理'],
    bio: '从事中小型无人机动力系统研发十余年，负责过多型复合翼无人机的电推进与氢电混合动力设计。可提供动力系统选型、续航优化和地面试验方面的技术服务。',
    region: '成都',
  },
  {
    key: 'SE06',
    institution: 'dongyue-institute',
    name: '蒋文',
    title: '教授',
    fields: ['无线传感网', '工业物联网', '环境监测'],
    bio: '研究低功耗无线传感网络和地下空间监测，带领团队完成多条综合管廊和隧道的监测系统建设。可提供物联网组网方案设计、现场部署指导和监测数据分析服务。',
    region: '济南',
  },
  {
    key: 'SE07',
    institution: 'dongyue-institute',
    name: '马骁',
    title: '副教授',
    fields: ['电池管理', '储能系统', '机器学习'],
    bio: '研究动力电池状态估计与梯次利用，主持退役电池快速分选、储能电站健康管理等项目。可为电池回收、储能企业提供检测方法、算法授权和联合研发。',
    region: '济南',
  },
  {
    key: 'SE08',
    institution: 'qinglan-university',
    name: '顾言',
    title: '教授',
    fields: ['模拟集成电路', '混合信号芯片', '传感器接口'],
    bio: '专注低功耗模拟与混合信号集成电路设计，研制的数据转换器和传感器读出电路已用于多款可穿戴芯片。可提供芯片架构评审、IP授权和流片前设计咨询。',
    region: '南京',
  },
  {
    key: 'SE09',
    institution: 'qinglan-university',
    name: '宋安然',
    title: '研究员',
    fields: ['合成生物学', '发酵工程', '功能材料'],
    bio: '从事重组蛋白生物制造和功能高分子材料研究，完成重组胶原蛋白、可降解材料等多个项目的中试放大。可为企业提供菌种改造、工艺放大咨询和兼职研发服务。',
    region: '南京',
  },
  {
    key: 'SE10',
    institution: 'qinglan-university',
    name: '陆子衿',
    title: '副教授',
    fields: ['生物医学信号处理', '可穿戴设备', '慢病管理'],
    bio: '研究可穿戴生理信号监测与健康管理，在无袖带血压、心电与睡眠监测算法方面有多项发明专利，可为医疗器械企业提供算法开发、临床验证方案设计和注册申报咨询。',
    region: '南京',
  },
  {
    key: 'SE11',
    institution: 'minghu-university',
    name: '王一舟',
    title: '教授',
    fields: ['机器人控制', '视觉导航', '医疗机器人'],
    bio: '研究机器人感知与控制，方向包括无人机近距离巡检、手术机器人力反馈控制。承担过多项国家重点研发计划课题。可提供机器人系统方案评审、联合研发和讲学。',
    region: '杭州',
  },
  {
    key: 'SE12',
    institution: 'nanyu-agri',
    name: '林清禾',
    title: '研究员',
    fields: ['植物保护', '茶树病虫害', '智慧农业'],
    bio: '长期在茶区一线从事病虫害绿色防控研究与推广，熟悉福建、浙江主要茶区的病虫发生规律。可为茶企和合作社提供防控方案、技术培训和智慧茶园建设咨询。',
    region: '福州',
  },
  {
    key: 'SE13',
    institution: 'nanyu-agri',
    name: '黄穗',
    title: '副研究员',
    fields: ['设施农业', '水肥一体化', '作物生理'],
    bio: '研究设施蔬菜的水肥管理与环境调控，主持建设多个省级设施农业示范基地。可为种植企业提供温室环境与灌溉系统设计、种植技术培训和技术服务。',
    region: '福州',
  },
  {
    key: 'SE14',
    institution: 'lingxiao-lab',
    name: 'Bai Yiming',
    title: 'Associate Researcher',
    fields: ['acoustic sensing', 'counter-UAV', 'signal processing'],
    bio: 'Works on acoustic and radio-frequency detection of small drones, array signal processing and sensor fusion for low-altitude security. Offers system design reviews, field test planning and joint development for airport, prison and event security projects.',
    region: '成都',
  },
  {
    key: 'SE15',
    institution: 'minghu-university',
    name: 'Xu Qingchuan',
    title: 'Associate Professor',
    fields: ['computer vision', 'industrial inspection', 'large language models'],
    bio: 'Researches visual inspection with few defect samples and document understanding with language models, with deployments in textile, electronics and equipment maintenance. Available for consulting, model customisation and part-time technical advisory roles.',
    region: '杭州',
  },
];

export const SEED_DEMANDS: SeedDemand[] = [
  {
    key: 'SD01',
    enterprise: 'xingchen-manufacturing',
    status: 'OPEN',
    title: '精密零件加工线需要在不加传感器的情况下判断刀具什么时候该换',
    summary:
      '我司有42台加工中心生产铝合金和不锈钢精密零件，目前按固定件数换刀，刀具浪费大，偶尔还因崩刃产生批量废品。希望利用机床自带的数据判断刀具磨损状态，给出换刀提醒，不希望在主轴上加装振动或声发射传感器。系统需支持发那科和西门子两种数控系统。',
    industry: '智能制造',
    budgetWan: 80,
    cooperationModes: ['许可', '技术服务'],
    region: '苏州',
  },
  {
    key: 'SD02',
    enterprise: 'xingchen-manufacturing',
    status: 'OPEN',
    title: '多品种小批量车间的排产总被插单打乱，想要能解释的智能排产',
    summary:
      '车间约60台设备，月均订单800个，急单插单频繁，计划员每天手工调整排产表，准时交付率只有八成左右。希望引入智能排产系统，要求每次调整能说明原因，计划员可以手动锁定部分工单，能与现有ERP对接。',
    industry: '人工智能',
    budgetWan: 120,
    cooperationModes: ['合作开发', '许可'],
    region: '苏州',
  },
  {
    key: 'SD03',
    enterprise: 'xingchen-manufacturing',
    status: 'IN_PROGRESS',
    title: '焊接工位装配误差大，机器人焊缝经常焊偏',
    summary:
      '结构件来料和拼装误差达到1至2毫米，示教焊接机器人经常焊偏，返修率超过10%。需要焊缝跟踪方案，能在焊接过程中实时修正焊枪位置，适配现有的六轴焊接机器人。',
    industry: '智能制造',
    budgetWan: 60,
    cooperationModes: ['转让', '技术服务'],
    region: '苏州',
  },
  {
    key: 'SD04',
    enterprise: 'chengjiang-env',
    status: 'OPEN',
    title: '印染园区污水厂出水COD偶尔超标，寻求深度处理工艺',
    summary:
      '园区污水处理厂日处理量2万吨，生化段出水化学需氧量在80至120毫克/升之间波动，新排放标准要求低于50毫克/升。现有芬顿工艺污泥量大、药剂成本高，希望找到运行成本更低、不增加固废的深度处理工艺，并提供中试验证。',
    industry: '节能环保',
    budgetWan: 300,
    cooperationModes: ['转让', '技术服务', '合作开发'],
    region: '无锡',
  },
  {
    key: 'SD05',
    enterprise: 'chengjiang-env',
    status: 'DRAFT',
    title: '建筑垃圾资源化项目需要再生骨料分选设备',
    summary:
      '计划新建年处理50万吨的建筑垃圾资源化生产线，需要能把破碎后物料中的砖块、木材、塑料等杂质分选出来，再生骨料杂质含量低于1%，希望设备国产化、维护简便。',
    industry: '节能环保',
    budgetWan: 500,
    cooperationModes: ['转让', '合作开发'],
    region: '无锡',
  },
  {
    key: 'SD06',
    enterprise: 'chengjiang-env',
    status: 'OPEN',
    title: '商业楼宇空调能耗太高，想在不换设备的前提下节能',
    summary:
      '我司运营的三栋写字楼空调能耗占总能耗的一半以上，冷机和水泵基本按经验手动开关。希望在不更换主机、不大改楼控系统的前提下实现自动优化控制，节能率不低于10%，可采用合同能源管理模式合作。',
    industry: '物联网',
    budgetWan: 150,
    cooperationModes: ['技术服务', '合作开发'],
    region: '无锡',
  },
  {
    key: 'SD07',
    enterprise: 'hanhai-logistics',
    status: 'OPEN',
    title: '生鲜冷链配送需要低成本的全程温度记录',
    summary:
      '每天配送约2万箱生鲜和药品，目前只有车厢温度记录，无法证明单箱货物全程没有超温。希望找到单件成本低、不用充电、能批量读取的箱体温度记录方案，精度优于±0.5℃，数据能对接我司运输管理系统。',
    industry: '物联网',
    budgetWan: 100,
    cooperationModes: ['转让', '许可', '技术服务'],
    region: '郑州',
  },
  {
    key: 'SD08',
    enterprise: 'hanhai-logistics',
    status: 'OPEN',
    title: '园区之间的无人机短途配送需要航线规划和调度系统',
    summary:
      '我司计划在三个物流园区和十余个社区网点之间开通无人机短途配送，预计日均300架次。需要一套航线规划与多机调度系统，能处理禁飞区、天气和电量约束，并对接地方低空飞行服务平台完成报备。',
    industry: '低空经济',
    budgetWan: 400,
    cooperationModes: ['合作开发', '许可', '作价入股'],
    region: '郑州',
  },
  {
    key: 'SD09',
    enterprise: 'hanhai-logistics',
    status: 'OPEN',
    title: 'Need a question-answering assistant over our forklift and conveyor maintenance manuals',
    summary:
      'Our warehouses run forklifts and conveyor systems from six manufacturers, and technicians spend a long time searching scanned manuals, many only in English or German. We want an assistant that answers maintenance questions with references to the right manual page, works inside our own network without sending documents to the cloud, and can be updated when new manuals arrive. Budget is around 600,000 yuan for the first phase.',
    industry: '人工智能',
    budgetWan: 60,
    cooperationModes: ['许可', '技术服务'],
    region: '郑州',
  },
  {
    key: 'SD10',
    enterprise: 'yizhan-aviation',
    status: 'OPEN',
    title: '垂直起降固定翼无人机续航不足，寻求氢电混合动力方案',
    summary:
      '我司20千克级垂起固定翼无人机用于电力巡线和测绘，目前纯电续航约100分钟，客户希望达到3小时以上。寻求氢燃料电池与锂电池混合动力的技术合作，需在低温环境下可靠启动，重量增加不超过3千克。',
    industry: '低空经济',
    budgetWan: 350,
    cooperationModes: ['合作开发', '转让'],
    region: '西安',
  },
  {
    key: 'SD11',
    enterprise: 'yizhan-aviation',
    status: 'OPEN',
    title: '适航审定资料整理工作量大，需要试飞数据管理工具',
    summary:
      '公司正在进行两款无人机型号的适航审定，试飞数据、任务单和审定条款由不同人员分散管理，经常出现数据缺失和报告返工。希望引入试飞数据管理与符合性报告辅助工具，支持本地化部署。',
    industry: '低空经济',
    budgetWan: 50,
    cooperationModes: ['许可', '技术服务'],
    region: '西安',
  },
  {
    key: 'SD12',
    enterprise: 'yizhan-aviation',
    status: 'OPEN',
    title: '机场周边需要对“低慢小”无人机进行探测',
    summary:
      '受机场委托，需在跑道两端及周边建筑密集区部署无人机探测设备，雷达在建筑遮挡区域存在盲区，夜间光电设备效果差。希望引入声学或其他被动探测手段作为补充，能给出方位信息并接入现有指挥平台。',
    industry: '低空经济',
    budgetWan: 200,
    cooperationModes: ['合作开发', '技术服务'],
    region: '西安',
    anonymous: true,
  },
  {
    key: 'SD13',
    enterprise: 'hefeng-agri',
    status: 'OPEN',
    title: '茶园病虫害靠经验判断，农药用量偏大',
    summary:
      '合作社管理茶园3000亩，病虫害主要靠老茶农经验判断，常常错过最佳防治期，农药用量偏大影响出口检测。希望有一套简单易用的识别与预警工具，并提供绿色防控技术指导。',
    industry: '现代农业',
    budgetWan: 30,
    cooperationModes: ['技术服务', '许可'],
    region: '潍坊',
  },
  {
    key: 'SD14',
    enterprise: 'hefeng-agri',
    status: 'OPEN',
    title: '番茄大棚灌溉施肥全靠人工，想实现精准水肥管理',
    summary:
      '基地有120栋日光温室种植番茄和黄瓜，灌溉施肥依靠工人经验，用水用肥多且产量不稳定。希望引进根据作物需求自动灌溉施肥的系统，设备要耐用、操作简单，支持手机远程控制。',
    industry: '现代农业',
    budgetWan: 90,
    cooperationModes: ['转让', '技术服务'],
    region: '潍坊',
  },
  {
    key: 'SD15',
    enterprise: 'hefeng-agri',
    status: 'DRAFT',
    title: '寻求适合黄淮地区的耐高温水稻或小麦品种合作',
    summary:
      '近年来夏季高温频发，部分地块水稻结实率明显下降。公司计划引进耐高温、米质好的新品种进行示范种植，希望与育种单位合作开展品种适应性试验，并探讨品种权许可。',
    industry: '现代农业',
    budgetWan: null,
    cooperationModes: ['许可', '合作开发'],
    region: '潍坊',
  },
  {
    key: 'SD16',
    enterprise: 'anze-medical',
    status: 'OPEN',
    title: '家用血压监测产品想升级为全天连续测量',
    summary:
      '我司生产上臂式电子血压计，计划开发一款腕戴式连续血压监测产品，用于高血压患者的日常管理。需要成熟的连续血压估计算法和硬件方案，误差满足相关标准要求，并能配合我司完成临床试验和注册。',
    industry: '医疗器械',
    budgetWan: 250,
    cooperationModes: ['转让', '合作开发'],
    region: '深圳',
  },
  {
    key: 'SD17',
    enterprise: 'anze-medical',
    status: 'OPEN',
    title: 'Looking for a multiplex point-of-care test for respiratory infections',
    summary:
      'We distribute diagnostic equipment to county hospitals and community clinics. Our customers want a bench-top test that identifies the common respiratory pathogens from one swab in under an hour without a PCR laboratory. We are looking for a technology partner with a working microfluidic or isothermal amplification prototype and are open to licensing or joint development towards registration.',
    industry: '生物医药',
    budgetWan: 400,
    cooperationModes: ['许可', '合作开发', '作价入股'],
    region: '深圳',
  },
  {
    key: 'SD18',
    enterprise: 'anze-medical',
    status: 'OPEN',
    title: '养老院夜间老人离床和跌倒无法及时发现',
    summary:
      '我司为养老机构提供护理信息化系统，客户反映夜间护理人员少，老人离床、跌倒往往不能及时发现。出于隐私考虑不能在房间装摄像头，老人也不愿佩戴手环。希望有非接触式的监测方案，能接入我司护理系统发出告警。',
    industry: '物联网',
    budgetWan: 80,
    cooperationModes: ['合作开发', '许可'],
    region: '深圳',
  },
  {
    key: 'SD19',
    enterprise: 'chengjiang-env',
    status: 'OPEN',
    title: '退役动力电池梯次利用前的快速检测分选',
    summary:
      '我司回收退役磷酸铁锂电池模组用于储能项目，目前每个模组需要完整充放电测试才能分级，检测线产能严重不足。希望找到能在几分钟内评估电池健康状态的检测方法和设备，估计误差在5%以内。',
    industry: '新能源',
    budgetWan: 180,
    cooperationModes: ['许可', '转让', '技术服务'],
    region: '无锡',
  },
  {
    key: 'SD20',
    enterprise: 'xingchen-manufacturing',
    status: 'OPEN',
    title: '屋顶光伏电站发电量下降，找不到故障位置',
    summary:
      '公司厂房屋顶建有2.5兆瓦分布式光伏电站，近一年发电量同比下降约8%，运维单位只能定期巡检，难以定位具体故障组串。希望利用现有逆变器数据实现故障自动诊断和定位，不额外增加硬件投入。',
    industry: '新能源',
    budgetWan: 20,
    cooperationModes: ['技术服务', '许可'],
    region: '苏州',
  },
];
