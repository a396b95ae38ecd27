<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Auth</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="25"/>
        <source>Badge {badge} is not known here: ask a supervisor.</source>
        <translation>工牌 {badge} 未登记：请找主管。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="29"/>
        <source>Badge {badge} is switched off: ask a supervisor.</source>
        <translation>工牌 {badge} 已停用：请找主管。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="30"/>
        <source>{name} is a {role}, not a supervisor: a supervisor must approve this.</source>
        <translation>{name} 是{role}，不是主管：需由主管批准。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="33"/>
        <source>A supervisor must approve this</source>
        <translation>需主管批准</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="34"/>
        <source>Only a supervisor may do this.</source>
        <translation>仅主管可执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="35"/>
        <source>{name} has no usable PIN on record: an administrator must set one.</source>
        <translation>{name} 没有可用的 PIN 码：请管理员设置。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="38"/>
        <source>Wrong PIN for {badge}.</source>
        <translation>工牌 {badge} 的 PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="28"/>
        <source>Scan your badge.</source>
        <translation>请扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/messages.py" line="161"/>
        <source>Cannot reach the database: {detail}</source>
        <translation>无法连接数据库：{detail}</translation>
    </message>
</context>
<context>
    <name>BuildWavesDialog</name>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="131"/>
        <source>Choose a warehouse to build waves for.</source>
        <translation>请选择要生成波次的仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="136"/>
        <source>Planning…</source>
        <translation>规划中…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="146"/>
        <source>Building…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="192"/>
        <source>No allocated orders are waiting for a wave.</source>
        <translation>没有等待组波次的已分配订单。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="196"/>
        <source>A build would make {waves} waves with {tasks} pick tasks for {orders} orders.</source>
        <translation>预计生成 {waves} 个波次、{tasks} 个拣货任务，共 {orders} 个订单。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="201"/>
        <source>Built {waves} waves with {tasks} pick tasks for {orders} orders.</source>
        <translation>已生成 {waves} 个波次、{tasks} 个拣货任务，共 {orders} 个订单。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="217"/>
        <source>Build waves</source>
        <translation>生成波次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="219"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="220"/>
        <source>Carrier (empty: all)</source>
        <translation>快递（留空 = 全部）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="221"/>
        <source>Orders per wave at most</source>
        <translation>每波次最多订单数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="222"/>
        <source>Totes per cart</source>
        <translation>每车周转箱数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="223"/>
        <source>Sorting</source>
        <translation>分拣方式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="229"/>
        <source>Pick and sort (one tote per order)</source>
        <translation>边拣边分（一单一箱）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="229"/>
        <source>Pick then sort (put wall)</source>
        <translation>先拣后分（播种墙）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="234"/>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="235"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="236"/>
        <source>Carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="237"/>
        <source>Cut-off</source>
        <translation>截单时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="238"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="239"/>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="240"/>
        <source>Walk (saving)</source>
        <translation>行走距离（节省）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="243"/>
        <source>Show plan</source>
        <translation>查看方案</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="244"/>
        <source>Build</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/build.py" line="245"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="41"/>
        <source>Offline scans refused</source>
        <translation>离线扫描被拒收</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="45"/>
        <source>{n} scans made while the central database was away were refused when they were sent. They are not counted: put the items right as each line says.</source>
        <translation>中心数据库断开期间的 {n} 次扫描在补传时被拒收，未计数：请按每行说明处理商品。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="58"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="58"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="58"/>
        <source>Work</source>
        <translation>作业</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="58"/>
        <source>Why it was refused</source>
        <translation>拒收原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="66"/>
        <source>pick task {id}</source>
        <translation>拣货任务 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/offline_conflicts.py" line="66"/>
        <source>order {id}</source>
        <translation>订单 {id}</translation>
    </message>
</context>
<context>
    <name>ExceptionKind</name>
    <message>
        <location filename="../../ui/screens/supervisor/labels.py" line="13"/>
        <source>Interception</source>
        <translation>拦截</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/labels.py" line="14"/>
        <source>Weight mismatch</source>
        <translation>重量不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/labels.py" line="15"/>
        <source>Short pick</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/labels.py" line="16"/>
        <source>Stale task</source>
        <translation>停滞任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/labels.py" line="17"/>
        <source>Print failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/labels.py" line="18"/>
        <source>On hold</source>
        <translation>挂起</translation>
    </message>
</context>
<context>
    <name>ExceptionsTab</name>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="95"/>
        <source>Release hold</source>
        <translation>解除挂起</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="97"/>
        <source>Ship short</source>
        <translation>缺货发货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="99"/>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="101"/>
        <source>Approve override</source>
        <translation>批准放行</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="103"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="105"/>
        <source>Release task</source>
        <translation>释放任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="113"/>
        <source>missing</source>
        <translation>少货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="114"/>
        <source>damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="115"/>
        <source>wrong quantity</source>
        <translation>数量不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="117"/>
        <source>{found} found ({reason}), wave {wave}</source>
        <translation>找到 {found} 件（{reason}），波次 {wave}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="121"/>
        <source>Task {task}, no scan since {time}</source>
        <translation>任务 {task}，{time} 起无扫描</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="187"/>
        <source>Ship order {order} short</source>
        <translation>订单 {order} 缺货发货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="189"/>
        <source>Release the hold on order {order}</source>
        <translation>解除订单 {order} 的挂起</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="193"/>
        <source>Why may it go on?</source>
        <translation>放行原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="201"/>
        <source>Interception of order {order} resolved</source>
        <translation>订单 {order} 拦截已处理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="202"/>
        <source>What happened to the goods?</source>
        <translation>商品是如何处理的？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="210"/>
        <source>Approve the weight of order {order}</source>
        <translation>批准订单 {order} 的重量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="224"/>
        <source>Release task {task}</source>
        <translation>释放任务 {task}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="225"/>
        <source>The task goes back to the open tasks with its progress. Why?</source>
        <translation>任务连同进度退回待领取任务。原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="235"/>
        <source>Cancel order {order}</source>
        <translation>取消订单 {order}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="237"/>
        <source>Before picking its stock is released; after, it is intercepted at packing. Why cancel?</source>
        <translation>拣货前取消则释放库存；拣货后取消则在打包时拦截。取消原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="250"/>
        <source>Give task {task} to</source>
        <translation>将任务 {task} 转交给</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="251"/>
        <source>Who picks it now?</source>
        <translation>现在由谁拣？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="260"/>
        <source>Give task {task} to {name}</source>
        <translation>将任务 {task} 转交给 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="261"/>
        <source>Why?</source>
        <translation>原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="275"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="276"/>
        <source>Since</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="277"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="278"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="279"/>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="280"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="283"/>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="284"/>
        <source>Give task to…</source>
        <translation>转交任务…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/exceptions_tab.py" line="285"/>
        <source>Scan an order number to find it here.</source>
        <translation>扫描订单号，可在此找到该订单。</translation>
    </message>
</context>
<context>
    <name>HandOverModel</name>
    <message>
        <location filename="../../ui/viewmodels/handover.py" line="57"/>
        <source>Scan the waybill barcode on the parcel</source>
        <translation>请扫描包裹上的运单条码</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/handover.py" line="78"/>
        <source>{number} was already handed over</source>
        <translation>{number} 已交接过</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/handover.py" line="83"/>
        <source>{number} → {carrier} ({count} today)</source>
        <translation>{number} → {carrier}（今日 {count} 件）</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/handover.py" line="96"/>
        <source>Database problem: {detail}</source>
        <translation>数据库故障：{detail}</translation>
    </message>
</context>
<context>
    <name>HandOverScreen</name>
    <message>
        <location filename="../../ui/screens/handover.py" line="64"/>
        <source>Hand-over</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../ui/screens/handover.py" line="76"/>
        <source>Scan each parcel&apos;s waybill as the carrier takes it</source>
        <translation>快递取件时，逐个扫描包裹运单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/handover.py" line="77"/>
        <source>Truck of carrier:</source>
        <translation>装车快递：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/handover.py" line="78"/>
        <source>any carrier</source>
        <translation>任意快递</translation>
    </message>
    <message>
        <location filename="../../ui/screens/handover.py" line="79"/>
        <source>parcels handed over at this desk</source>
        <translation>本台已交接包裹</translation>
    </message>
</context>
<context>
    <name>HoldReason</name>
    <message>
        <location filename="../../ui/i18n/language.py" line="69"/>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="70"/>
        <source>Address incomplete</source>
        <translation>地址不完整</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="71"/>
        <source>Invalid phone</source>
        <translation>电话无效</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="72"/>
        <source>Unknown product</source>
        <translation>未知商品</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="73"/>
        <source>Price mismatch</source>
        <translation>价格异常</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="74"/>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="75"/>
        <source>Buyer remark</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="76"/>
        <source>Blacklisted</source>
        <translation>黑名单</translation>
    </message>
</context>
<context>
    <name>JobsTable</name>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="126"/>
        <source>next try {time}</source>
        <translation>下次重试 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="128"/>
        <source>waiting: job {job} on this printer has not printed yet</source>
        <translation>等待中：本打印机的任务 {job} 还没有打出</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="166"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="167"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="168"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="169"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="174"/>
        <source>Waybill</source>
        <translation>面单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="175"/>
        <source>Location</source>
        <translation>库位标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="176"/>
        <source>Tote</source>
        <translation>周转箱标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="177"/>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="178"/>
        <source>Product</source>
        <translation>商品标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="179"/>
        <source>Sheet</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="185"/>
        <source>Job</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="186"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="187"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="188"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="189"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="190"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="191"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="192"/>
        <source>Failed tries</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/table.py" line="193"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>OfflineLink</name>
    <message>
        <location filename="../../ui/bridges/offline.py" line="132"/>
        <source>Central database unreachable — working offline: {n} scans waiting</source>
        <translation>中心数据库无法连接 — 离线作业中：{n} 次扫描待补传</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/offline.py" line="135"/>
        <source>Central database is back — sending {n} offline scans…</source>
        <translation>中心数据库已恢复 — 正在补传 {n} 次离线扫描…</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/offline.py" line="236"/>
        <source>Central database is back: {n} offline scans saved</source>
        <translation>中心数据库已恢复：{n} 次离线扫描已保存</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/offline.py" line="250"/>
        <source>{n} scans made offline were refused by the central database: see the list</source>
        <translation>{n} 次离线扫描被中心数据库拒收：请查看列表</translation>
    </message>
</context>
<context>
    <name>OpQueueModel</name>
    <message>
        <location filename="../../ui/viewmodels/op_queue.py" line="137"/>
        <source>Command {name} does nothing here</source>
        <translation>指令 {name} 在此无效</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/op_queue.py" line="117"/>
        <source>Database problem: {detail}</source>
        <translation>数据库故障：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/op_queue.py" line="196"/>
        <source>The scan could not be saved on this station: {detail}</source>
        <translation>扫描无法保存在本工位：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/op_queue.py" line="218"/>
        <source>The central database cannot be reached: nothing was saved. Scan again when it is back</source>
        <translation>无法连接中心数据库：未保存。恢复后请重新扫描</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="153"/>
        <source>Select an order to see its details.</source>
        <translation>选择一个订单以查看详情。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="154"/>
        <source>On hold because</source>
        <translation>挂起原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="155"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="156"/>
        <source>Buyer remark</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="157"/>
        <source>Lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="159"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="159"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="159"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="159"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="190"/>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="191"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="192"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="195"/>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="197"/>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="211"/>
        <source>INTERCEPTED — stop this order: {why}</source>
        <translation>已拦截——请停止处理此订单：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="252"/>
        <source>Split from order {order}</source>
        <translation>拆分自订单 {order}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="254"/>
        <source>Split into: {orders}</source>
        <translation>已拆分为：{orders}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/detail.py" line="257"/>
        <source>Shipment {tracking} ({carrier}): {status}</source>
        <translation>运单 {tracking}（{carrier}）：{status}</translation>
    </message>
</context>
<context>
    <name>OrdersBoard</name>
    <message>
        <location filename="../../ui/screens/orders_board/board.py" line="125"/>
        <source>Orders board</source>
        <translation>订单看板</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/board.py" line="189"/>
        <source>Showing the first {shown} of {total} orders</source>
        <translation>显示前 {shown} 个订单，共 {total} 个</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/board.py" line="193"/>
        <source>{shown} orders</source>
        <translation>共 {shown} 个订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/board.py" line="207"/>
        <source>All orders</source>
        <translation>全部订单</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <location filename="../../ui/screens/supervisor/orders_tab.py" line="40"/>
        <source>not allocated</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/orders_tab.py" line="47"/>
        <source>{count} orders</source>
        <translation>共 {count} 个订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/orders_tab.py" line="56"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/orders_tab.py" line="56"/>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/orders_tab.py" line="56"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/orders_tab.py" line="56"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="82"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="83"/>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="84"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="85"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="86"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="87"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board/table.py" line="88"/>
        <source>Province / city</source>
        <translation>省 / 市</translation>
    </message>
</context>
<context>
    <name>PackLabels</name>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="37"/>
        <source>No order is open to pack</source>
        <translation>没有待打包的订单</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="41"/>
        <source>{n} unit(s) still to scan</source>
        <translation>还有 {n} 件待扫描</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="44"/>
        <source>Weigh the parcel first</source>
        <translation>请先称重</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="78"/>
        <source>No packed order here: its label cannot be printed</source>
        <translation>没有已打包的订单：无法打印面单</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="124"/>
        <source>Packed: {tracking}</source>
        <translation>已打包：{tracking}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="130"/>
        <source>Old label voided, new label {tracking}</source>
        <translation>旧面单已作废，新面单 {tracking}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pack_labels.py" line="135"/>
        <source>Label sent to the printer again</source>
        <translation>面单已补打</translation>
    </message>
</context>
<context>
    <name>PackModel</name>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="112"/>
        <source>Scale: {detail}</source>
        <translation>电子秤：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="121"/>
        <source>A tracking number comes from the central database unless the station holds a pre-fetched block, and this one does not: pack the order when the database is back</source>
        <translation>运单号需从中心数据库获取（本工位没有预取号段）：数据库恢复后再完成打包</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="126"/>
        <source>Choosing the carton needs the central database: scan it again when it is back</source>
        <translation>选择箱型需要中心数据库：恢复后请重新扫描</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="129"/>
        <source>Labels need the central database: print it when the database is back</source>
        <translation>面单需要中心数据库：数据库恢复后再打印</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="132"/>
        <source>Confirming the stop needs the central database: keep the items aside until it is back</source>
        <translation>确认拦截需要中心数据库：恢复前请将商品单独放置</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="135"/>
        <source>Releasing an order needs the central database: wait until it is back</source>
        <translation>释放订单需要中心数据库：请等待恢复</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="148"/>
        <source>Order {order} was not loaded before the central database went away: items cannot be checked offline. Wait until it is back</source>
        <translation>订单 {order} 在断开前未加载：无法离线复核。请等待数据库恢复</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="175"/>
        <source>Order {order} is stopped: confirm it on the screen first</source>
        <translation>订单 {order} 已拦截：请先在屏幕上确认</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="195"/>
        <source>Finish or release order {order} first</source>
        <translation>请先完成或释放订单 {order}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="202"/>
        <source>Scan an item of order {order}</source>
        <translation>请扫描订单 {order} 的商品</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="206"/>
        <source>Scan a tote, an order number or a single-unit item</source>
        <translation>请扫描周转箱、订单号或单品订单的商品</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="212"/>
        <source>Order {order} is open: scan its items</source>
        <translation>订单 {order} 已打开：请扫描商品</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="217"/>
        <source>Opening an order needs the central database: wait until it is back</source>
        <translation>打开订单需要中心数据库：请等待恢复</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="225"/>
        <source>Open an order before choosing its carton</source>
        <translation>请先打开订单再选箱型</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="236"/>
        <source>This bench has no scale</source>
        <translation>本工作台没有电子秤</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="243"/>
        <source>No stopped order to confirm</source>
        <translation>没有需确认的拦截订单</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="256"/>
        <source>No order to release</source>
        <translation>没有可释放的订单</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="270"/>
        <source>STOP: order {order} is intercepted</source>
        <translation>停！订单 {order} 已拦截</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="274"/>
        <source>Order {order} is {status}</source>
        <translation>订单 {order} 状态：{status}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="281"/>
        <source>Order {order}: all items verified, weigh and pack</source>
        <translation>订单 {order}：已全部复核，请称重打包</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="285"/>
        <source>Order {order} ({carrier}): scan every item</source>
        <translation>订单 {order}（{carrier}）：请逐件扫描</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="299"/>
        <source>All items verified: weigh and pack</source>
        <translation>已全部复核：请称重打包</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="305"/>
        <source>Carton {carton}</source>
        <translation>箱型 {carton}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="314"/>
        <source>{kg} kg: off by {diff} g (allowed {allowed} g)</source>
        <translation>{kg} kg：相差 {diff} g（允许 {allowed} g）</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="319"/>
        <source>{kg} kg</source>
        <translation>{kg} kg</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="325"/>
        <source>Order {order} stopped: its items go to the returns tote</source>
        <translation>订单 {order} 已拦截：商品放入退货周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/packing.py" line="332"/>
        <source>Order {order} released</source>
        <translation>订单 {order} 已释放</translation>
    </message>
</context>
<context>
    <name>PackScreen</name>
    <message>
        <location filename="../../ui/screens/packing.py" line="251"/>
        <source>Packing</source>
        <translation>打包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="255"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="255"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="255"/>
        <source>Expected</source>
        <translation>应扫</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="255"/>
        <source>Scanned</source>
        <translation>已扫</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="257"/>
        <source>Weigh</source>
        <translation>称重</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="258"/>
        <source>Complete</source>
        <translation>完成打包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="259"/>
        <source>Reprint…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="260"/>
        <source>Void and regenerate…</source>
        <translation>作废重出…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="261"/>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="262"/>
        <source>STOP — do not pack</source>
        <translation>停！不要打包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="263"/>
        <source>Confirm: order stopped</source>
        <translation>确认：订单已拦截</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="288"/>
        <source>Print the label again</source>
        <translation>补打面单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="293"/>
        <source>Void this label and make a new one</source>
        <translation>作废此面单并重出</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="299"/>
        <source>The parcel weighs {measured} kg but should weigh {expected} kg ± {allowed} kg. Check the items.</source>
        <translation>包裹重 {measured} kg，应为 {expected} kg ± {allowed} kg。请检查商品。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="319"/>
        <source>Supervisor: let this parcel go with its weight</source>
        <translation>主管：按此重量放行包裹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="344"/>
        <source>Scan a tote, an order or an item</source>
        <translation>扫描周转箱、订单或商品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="355"/>
        <source>Order {order}</source>
        <translation>订单 {order}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="359"/>
        <source>Do not pack this order: put all its items in the returns tote, they go back to stock.</source>
        <translation>不要打包此订单：把全部商品放入退货周转箱，退回库存。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="370"/>
        <source>tote {tote}</source>
        <translation>周转箱 {tote}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="372"/>
        <source>{done} of {total} units</source>
        <translation>{done} / {total} 件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="379"/>
        <source>Carton {carton}</source>
        <translation>箱型 {carton}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="382"/>
        <source>Carton {carton} (suggested)</source>
        <translation>箱型 {carton}（推荐）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="385"/>
        <source>Carton: scan one</source>
        <translation>箱型：请扫描</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="387"/>
        <location filename="../../ui/screens/packing.py" line="444"/>
        <source>Tracking {tracking}</source>
        <translation>运单号 {tracking}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="394"/>
        <source>The order was cancelled.</source>
        <translation>订单已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="395"/>
        <source>The platform changed the order after picking.</source>
        <translation>拣货后平台修改了订单。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="396"/>
        <source>The order is on hold.</source>
        <translation>订单已挂起。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="422"/>
        <source>Expected {kg} kg</source>
        <translation>预计 {kg} kg</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="424"/>
        <source>Weight: not weighed</source>
        <translation>重量：未称重</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="428"/>
        <source>{kg} kg</source>
        <translation>{kg} kg</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="431"/>
        <source>{kg} kg / expected {expected} kg ± {allowed} kg</source>
        <translation>{kg} kg / 预计 {expected} kg ± {allowed} kg</translation>
    </message>
</context>
<context>
    <name>Packing</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="98"/>
        <source>{sku}: {scanned} of {expected}</source>
        <translation>{sku}：{scanned} / {expected}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="99"/>
        <source>Already recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="100"/>
        <source>{sku} is not in this order</source>
        <translation>{sku} 不在此订单中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="101"/>
        <source>{units} is more than the {left} of {sku} still to scan</source>
        <translation>{units} 件超过 {sku} 剩余待扫的 {left} 件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="104"/>
        <source>All {expected} of {sku} already scanned</source>
        <translation>{sku} 共 {expected} 件已全部扫描</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="105"/>
        <source>Scan an item of this order</source>
        <translation>请扫描本订单的商品</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="106"/>
        <source>STOP: order {order_no} is intercepted</source>
        <translation>停！订单 {order_no} 已拦截</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="107"/>
        <source>STOP: this order is intercepted</source>
        <translation>停！此订单已拦截</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="108"/>
        <source>Order {order_no} cannot be packed: it is {status}</source>
        <translation>订单 {order_no} 无法打包：状态为 {status}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="111"/>
        <source>Order {order_no} is being packed at {station} by {user}</source>
        <translation>订单 {order_no} 正由 {user} 在 {station} 打包</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="114"/>
        <source>Order {order_no} is being packed at {station}</source>
        <translation>订单 {order_no} 正在 {station} 打包</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="117"/>
        <source>This bench is not a registered station</source>
        <translation>本工作台未注册为工作站</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="118"/>
        <source>Scan a tote, an order number or a single-unit item</source>
        <translation>请扫描周转箱、订单号或单品订单的商品</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="121"/>
        <source>Tote {tote} carries no order to pack</source>
        <translation>周转箱 {tote} 中没有待打包订单</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="122"/>
        <source>There is no such order</source>
        <translation>订单不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="123"/>
        <source>There is no order {order_no}</source>
        <translation>订单 {order_no} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="124"/>
        <source>Order {order_no} exists in several stores: scan its tote</source>
        <translation>订单 {order_no} 在多个店铺中存在：请扫描其周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="127"/>
        <source>Order {order_no} ships from another warehouse</source>
        <translation>订单 {order_no} 由其他仓库发货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="130"/>
        <source>Order {order_no} is not picked yet</source>
        <translation>订单 {order_no} 尚未拣完</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="131"/>
        <source>Order {order_no} changed meanwhile: showing it as it is now</source>
        <translation>订单 {order_no} 已被修改：现显示最新内容</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="134"/>
        <source>No single-unit order is waiting for {sku}</source>
        <translation>没有等待 {sku} 的单品订单</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="135"/>
        <source>That is a case of {pack_qty}: scan one item</source>
        <translation>这是整箱（{pack_qty} 件）：请扫描单件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="136"/>
        <source>Order {order_no} is not open here: scan its tote</source>
        <translation>订单 {order_no} 未在此打开：请扫描其周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="139"/>
        <source>There is no carton {carton}</source>
        <translation>箱型 {carton} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="140"/>
        <source>{carton} cannot be a carton code: cartons are BOX- and up to 8 letters or digits (BOX-M)</source>
        <translation>{carton} 不能作箱型编码：箱型编码为 BOX- 加最多 8 位字母或数字（如 BOX-M）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="144"/>
        <source>Carton {carton}: sizes and weight limit must be above zero and the tare not negative</source>
        <translation>箱型 {carton}：尺寸和限重必须大于零，皮重不能为负</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="148"/>
        <source>Carton {carton} exists already</source>
        <translation>箱型 {carton} 已存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="149"/>
        <source>Order {order_no} is not stopped</source>
        <translation>订单 {order_no} 未被拦截</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="150"/>
        <source>{units} unit(s) still to scan: {missing}</source>
        <translation>还有 {units} 件待扫描：{missing}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="151"/>
        <source>Put the parcel on the scale</source>
        <translation>请把包裹放上电子秤</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="152"/>
        <source>Weighs {measured} kg, should be {expected} kg ± {allowed} kg</source>
        <translation>重 {measured} kg，应为 {expected} kg ± {allowed} kg</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="155"/>
        <source>Say why</source>
        <translation>请填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="156"/>
        <source>Say why the parcel may ship with this weight.</source>
        <translation>请填写按此重量发货的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="159"/>
        <source>Order {order_no} is not packed: there is no label</source>
        <translation>订单 {order_no} 未打包：没有面单</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="160"/>
        <source>Order {order_no} is shipped: its label cannot be voided</source>
        <translation>订单 {order_no} 已发货：面单不能作废</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <location filename="../../ui/i18n/language.py" line="61"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="62"/>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="63"/>
        <source>Partly paid</source>
        <translation>部分付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="64"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="65"/>
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
</context>
<context>
    <name>PickModel</name>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="118"/>
        <source>Quantity must be at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="121"/>
        <source>Next item scan counts {n}</source>
        <translation>下次扫商品计 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="144"/>
        <source>Claiming a new task needs the central database: finish this task or wait</source>
        <translation>领取新任务需要中心数据库：请先完成当前任务或等待</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="148"/>
        <source>A short pick needs the central database (stock in other bins): wait until it is back</source>
        <translation>报缺货需要中心数据库（查其他库位库存）：请等待恢复</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="151"/>
        <source>Releasing a task needs the central database: wait until it is back</source>
        <translation>释放任务需要中心数据库：请等待恢复</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="214"/>
        <source>Task {task} was not loaded before the central database went away: scans cannot be checked offline. Wait until it is back</source>
        <translation>任务 {task} 在断开前未加载：无法离线校验扫描。请等待数据库恢复</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="253"/>
        <source>Finish or release task {task} first</source>
        <translation>请先完成或释放任务 {task}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="287"/>
        <source>No task to release</source>
        <translation>没有可释放的任务</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="298"/>
        <source>No task in hand: press Next task</source>
        <translation>当前没有任务：请按“下一任务”</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="303"/>
        <source>Task {task} is finished: scan NEXT for the next task</source>
        <translation>任务 {task} 已完成：扫 NEXT 领下一任务</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="323"/>
        <source>No line to report short</source>
        <translation>没有可报缺货的行</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="356"/>
        <source>No pick task is waiting</source>
        <translation>没有待拣任务</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="360"/>
        <source>Task {task}: go to {location}</source>
        <translation>任务 {task}：请去 {location}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="368"/>
        <source>Task {task} released</source>
        <translation>任务 {task} 已释放</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="381"/>
        <source>Already recorded: {text}</source>
        <translation>已记录：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="392"/>
        <source>That short pick was already recorded</source>
        <translation>该缺货已记录</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="397"/>
        <source>{short} × {sku} short and no stock elsewhere: order {order_no} goes to a supervisor</source>
        <translation>{sku} 缺 {short} 件，别处无库存：订单 {order_no} 转主管处理</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="402"/>
        <source>{short} × {sku} short: pick them at {to}</source>
        <translation>{sku} 缺 {short} 件：请到 {to} 拣</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/picking.py" line="407"/>
        <source>Task {task} done. Scan NEXT for the next task</source>
        <translation>任务 {task} 完成。扫 NEXT 领下一任务</translation>
    </message>
</context>
<context>
    <name>PickScreen</name>
    <message>
        <location filename="../../ui/screens/picking.py" line="188"/>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="191"/>
        <source>1 Location</source>
        <translation>1 库位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="192"/>
        <source>2 Item</source>
        <translation>2 商品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="193"/>
        <source>3 Tote</source>
        <translation>3 周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="194"/>
        <source>Quantity…</source>
        <translation>数量…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="195"/>
        <source>Short pick…</source>
        <translation>报缺货…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="196"/>
        <source>Release task</source>
        <translation>释放任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="197"/>
        <source>Next task</source>
        <translation>下一任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="228"/>
        <source>Nothing to report short right now</source>
        <translation>当前无可报缺货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="252"/>
        <source>No task</source>
        <translation>无任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="264"/>
        <source>cart</source>
        <translation>拣货车</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="264"/>
        <source>bulk list</source>
        <translation>汇总拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="264"/>
        <source>put wall</source>
        <translation>播种墙</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="266"/>
        <source>Task {task} ({kind})</source>
        <translation>任务 {task}（{kind}）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="272"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="273"/>
        <source>Task finished: scan NEXT or press Next task</source>
        <translation>任务完成：扫 NEXT 或按“下一任务”</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="280"/>
        <source>Aisle {aisle} · Bay {bay} · Level {level}</source>
        <translation>{aisle} 巷道 · {bay} 列 · {level} 层</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="289"/>
        <source>Put {n}</source>
        <translation>放 {n} 件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="291"/>
        <source>Take {n}</source>
        <translation>拣 {n} 件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="295"/>
        <source>Slot {slot} → tote {tote}</source>
        <translation>格口 {slot} → 周转箱 {tote}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="299"/>
        <source>Slot {slot} → scan a free tote</source>
        <translation>格口 {slot} → 扫描空周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="303"/>
        <source>Wall slot {slot}</source>
        <translation>播种墙格口 {slot}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="308"/>
        <source>Next: {location}</source>
        <translation>下一站：{location}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="310"/>
        <source>Last stop of the task</source>
        <translation>本任务最后一站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="341"/>
        <source>Task: {done} / {total} units, {lines} / {lines_total} lines</source>
        <translation>任务：{done} / {total} 件，{lines} / {lines_total} 行</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="346"/>
        <source>Wave {wave}: {done} / {total} units, {lines} / {lines_total} lines</source>
        <translation>波次 {wave}：{done} / {total} 件，{lines} / {lines_total} 行</translation>
    </message>
</context>
<context>
    <name>Picking</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="42"/>
        <source>At {expected}: take {qty} × {sku}</source>
        <translation>在 {expected}：拣 {qty} 件 {sku}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="43"/>
        <source>{units} × {sku} counted, {left} to go</source>
        <translation>{sku} 已计 {units} 件，还差 {left} 件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="44"/>
        <source>Line done</source>
        <translation>本行完成</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="45"/>
        <source>Task {task} done. Scan NEXT for the next task</source>
        <translation>任务 {task} 完成。扫 NEXT 领下一任务</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="46"/>
        <source>Scan the location {expected} first</source>
        <translation>请先扫描库位 {expected}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="47"/>
        <source>Wrong location {scanned}: go to {expected}</source>
        <translation>错误库位 {scanned}：请去 {expected}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="48"/>
        <source>Scan the item {sku} ({left} to take)</source>
        <translation>扫描商品 {sku}（拣 {left} 件）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="49"/>
        <source>Wrong item {scanned}: take {sku} here</source>
        <translation>错误商品 {scanned}：此处拣 {sku}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="50"/>
        <source>{units} scanned, only {left} left to pick</source>
        <translation>扫了 {units} 件，只剩 {left} 件待拣</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="51"/>
        <source>Case of {pack}, only {left} left to pick</source>
        <translation>整箱 {pack} 件，只剩 {left} 件待拣</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="52"/>
        <source>Put the items into tote {tote} (slot {slot}) and scan it</source>
        <translation>放入周转箱 {tote}（格口 {slot}）并扫描</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="55"/>
        <source>Put the items into a free tote for slot {slot} and scan it</source>
        <translation>放入空周转箱（格口 {slot}）并扫描</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="58"/>
        <source>Slot {slot} goes into tote {tote}, not {scanned}</source>
        <translation>格口 {slot} 应放周转箱 {tote}，不是 {scanned}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="59"/>
        <source>There is no tote {scanned}</source>
        <translation>周转箱 {scanned} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="60"/>
        <source>Tote {scanned} is in use: take a free one</source>
        <translation>周转箱 {scanned} 已占用：请换空箱</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="61"/>
        <source>Tote {scanned} belongs to another warehouse</source>
        <translation>周转箱 {scanned} 属于其他仓库</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="62"/>
        <source>Slot {slot} has no tote yet: binding one needs the central database. Keep the items in slot {slot} and scan the tote when it is back</source>
        <translation>格口 {slot} 尚未绑定周转箱：绑定需要中心数据库。请将商品放在格口 {slot}，恢复后再扫周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="67"/>
        <source>Task {task} is being picked at {station} by {user}</source>
        <translation>任务 {task} 正由 {user} 在 {station} 拣货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="70"/>
        <source>Task {task} is being picked by {who}</source>
        <translation>任务 {task} 正由 {who} 拣货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="71"/>
        <source>Task {task} is being picked at another station</source>
        <translation>任务 {task} 正在其他工作站拣货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="74"/>
        <source>That pick task does not exist</source>
        <translation>该拣货任务不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="75"/>
        <source>Task {task} is not claimed by this station</source>
        <translation>任务 {task} 不是本工作站领取的</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="76"/>
        <source>This station is picking task {task}: finish or release it first</source>
        <translation>本工作站正在拣任务 {task}：请先完成或释放</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="79"/>
        <source>Wave {wave} is closed</source>
        <translation>波次 {wave} 已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="80"/>
        <source>There is no wave {wave_id}</source>
        <translation>波次 {wave_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="81"/>
        <source>Task {task} changed at another station: showing it as it is now</source>
        <translation>任务 {task} 已在其他工作站变更：现显示最新内容</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="84"/>
        <source>That line is not on this task</source>
        <translation>该行不在此任务中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="85"/>
        <source>Nothing is left to pick on this line</source>
        <translation>本行已无待拣</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="86"/>
        <source>Found must be less than the {left} still needed</source>
        <translation>找到数量须少于还需的 {left} 件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="89"/>
        <source>Choose why the pick is short</source>
        <translation>请选择缺货原因</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="90"/>
        <source>Bin {location} holds fewer units than are reserved: ask a supervisor to count it</source>
        <translation>库位 {location} 实物少于占用数：请主管盘点</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="94"/>
        <source>The scan could not be recorded</source>
        <translation>扫描未能记录</translation>
    </message>
</context>
<context>
    <name>PrintJobsModel</name>
    <message>
        <location filename="../../ui/viewmodels/print_jobs.py" line="174"/>
        <source>The print jobs cannot be loaded: {reason}</source>
        <translation>无法加载打印任务：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/print_jobs.py" line="187"/>
        <source>Print job {job} will be sent again now.</source>
        <translation>打印任务 {job} 将立即重发。</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/print_jobs.py" line="197"/>
        <source>Print job {job} was cancelled.</source>
        <translation>打印任务 {job} 已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/print_jobs.py" line="222"/>
        <source>No preview of this label: {reason}</source>
        <translation>无法预览此标签：{reason}</translation>
    </message>
</context>
<context>
    <name>PrintJobsScreen</name>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="148"/>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="230"/>
        <source>Queued {n}</source>
        <translation>排队中 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="231"/>
        <source>Failed {n}</source>
        <translation>失败 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="232"/>
        <source>Sent {n}</source>
        <translation>已发送 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="233"/>
        <source>Cancelled {n}</source>
        <translation>已取消 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="254"/>
        <location filename="../../ui/screens/print_jobs/screen.py" line="340"/>
        <source>No label printed yet.</source>
        <translation>尚未打印标签。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="272"/>
        <source>Label preview</source>
        <translation>标签预览</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="275"/>
        <source>Job {job}</source>
        <translation>打印任务 {job}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="277"/>
        <source>Newest label: job {job}</source>
        <translation>最新标签：打印任务 {job}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="292"/>
        <source>Job {job}: {error}</source>
        <translation>打印任务 {job}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="320"/>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="321"/>
        <source>Cancel job</source>
        <translation>取消打印</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="322"/>
        <source>Show newest label</source>
        <translation>显示最新标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="323"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="326"/>
        <source>Label no longer needed</source>
        <translation>不再需要此标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="327"/>
        <source>Printed on another printer</source>
        <translation>已在其他打印机打印</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="328"/>
        <source>Wrong printer</source>
        <translation>打印机选错</translation>
    </message>
    <message>
        <location filename="../../ui/screens/print_jobs/screen.py" line="329"/>
        <source>Order intercepted</source>
        <translation>订单已拦截</translation>
    </message>
</context>
<context>
    <name>PrintStatus</name>
    <message>
        <location filename="../../ui/i18n/language.py" line="82"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="83"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="84"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="85"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="202"/>
        <source>Print job {job_id} does not exist.</source>
        <translation>打印任务 {job_id} 不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="203"/>
        <source>Print job {job_id} is {status}; reprint it to print it again.</source>
        <translation>打印任务 {job_id} 当前为“{status}”；如需再打，请补打。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="206"/>
        <source>Print job {job_id} is already {status}.</source>
        <translation>打印任务 {job_id} 当前已是“{status}”。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="209"/>
        <source>Say why the label is cancelled.</source>
        <translation>请填写取消原因。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="210"/>
        <source>Say why the label is printed again.</source>
        <translation>请填写补打原因。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="211"/>
        <source>Say why the label is voided.</source>
        <translation>请填写作废原因。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="212"/>
        <source>Printer problem: labels are printed as ZPL or PDF, not {format}</source>
        <translation>打印机故障：面单只能按 ZPL 或 PDF 打印，不支持 {format}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="215"/>
        <source>Printer problem: {kind} is not a kind of label</source>
        <translation>打印机故障：{kind} 不是面单类型</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="218"/>
        <source>Printer problem: the label to print is empty</source>
        <translation>打印机故障：要打印的面单是空的</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="221"/>
        <source>Printer problem: the printer address {printer} is not usable: check the station settings</source>
        <translation>打印机故障：打印机地址 {printer} 不可用：请检查工作站设置</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="225"/>
        <source>Label format {format} is unknown: check the station settings</source>
        <translation>未知面单格式 {format}：请检查工作站设置</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="228"/>
        <source>Label size {size} is unknown: check the station settings</source>
        <translation>未知面单尺寸 {size}：请检查工作站设置</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="231"/>
        <source>Chinese text on ZPL labels is printed as a picture or in the printer font, not {zpl_cjk}: check the station settings</source>
        <translation>ZPL 面单中文只能按图片或打印机字体打印，不支持 {zpl_cjk}：请检查工作站设置</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="236"/>
        <source>Labels are printed as PDF or ZPL, not {format}.</source>
        <translation>标签只能按 PDF 或 ZPL 打印，不支持 {format}。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="239"/>
        <source>{size} is not a label size.</source>
        <translation>{size} 不是标签尺寸。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="240"/>
        <source>There are no labels to print.</source>
        <translation>没有要打印的标签。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="241"/>
        <source>These codes cannot be printed as barcodes: {codes}. A barcode takes letters, digits, spaces and - . / + : # * %, starting with a letter or digit, up to 48 characters.</source>
        <translation>以下编码无法打印成条码：{codes}。条码只能包含字母、数字、空格和 - . / + : # * %，须以字母或数字开头，最多 48 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="246"/>
        <source>Warehouse {warehouse} has aisles 1 to {aisles}; there is no aisle {aisle}.</source>
        <translation>仓库 {warehouse} 只有 1 到 {aisles} 号巷道，没有 {aisle} 号巷道。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="249"/>
        <source>No product has the SKU {skus}.</source>
        <translation>没有 SKU 为 {skus} 的商品。</translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <location filename="../../ui/screens/picking.py" line="102"/>
        <source>The next item scan counts:</source>
        <translation>下次扫商品计：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="105"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/screens/packing.py" line="86"/>
        <source>Reason (required):</source>
        <translation>原因（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="96"/>
        <source>Say why</source>
        <translation>请填写原因</translation>
    </message>
</context>
<context>
    <name>ReasonPrompt</name>
    <message>
        <location filename="../../ui/screens/supervisor/reasons.py" line="30"/>
        <source>Give a reason: every supervisor action is recorded with who and why.</source>
        <translation>请填写原因：主管的每个操作都会记录操作人和原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/reasons.py" line="39"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/i18n/messages.py" line="32"/>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/messages.py" line="33"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/messages.py" line="34"/>
        <source>Shipper</source>
        <translation>交接员</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/messages.py" line="35"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/messages.py" line="36"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ScaleReader</name>
    <message>
        <location filename="../../ui/bridges/scale.py" line="99"/>
        <source>no scale is set up at this station</source>
        <translation>本工作站未配置电子秤</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="137"/>
        <source>the scale does not answer: check its cable and power</source>
        <translation>电子秤无响应：请检查数据线和电源</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="140"/>
        <source>the scale&apos;s port cannot be opened: is the scale plugged in? ({detail})</source>
        <translation>无法打开电子秤端口：电子秤插好了吗？（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="143"/>
        <source>the weight did not settle: keep the parcel still and off the edges</source>
        <translation>重量不稳定：请放稳包裹，不要压到秤边</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="145"/>
        <source>the scale is overloaded: take the load off</source>
        <translation>电子秤超载：请取下物品</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="147"/>
        <source>the scale reads below zero: check the pan, then zero the scale</source>
        <translation>电子秤读数为负：请检查秤盘后归零</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="150"/>
        <source>the scale sends data this station does not understand: check its settings ({detail})</source>
        <translation>无法识别电子秤数据：请检查电子秤设置（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="153"/>
        <source>the scale refused the request: {detail}</source>
        <translation>电子秤拒绝了请求：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/bridges/scale.py" line="154"/>
        <source>reading the scale failed: {detail}</source>
        <translation>读取电子秤失败：{detail}</translation>
    </message>
</context>
<context>
    <name>Scan</name>
    <message>
        <location filename="../../ui/i18n/language.py" line="108"/>
        <source>Code not recognised: {code}</source>
        <translation>无法识别的条码：{code}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="17"/>
        <location filename="../../ui/i18n/refusals.py" line="18"/>
        <source>Barcode {barcode} is not a product we know</source>
        <translation>条码 {barcode} 不是已知商品</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="19"/>
        <source>This GS1 code carries no item number (01)</source>
        <translation>此 GS1 条码没有商品编码 (01)</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="20"/>
        <source>Quantity must be at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="21"/>
        <source>Could not read that code: {why}</source>
        <translation>无法识别该条码：{why}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="41"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="42"/>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="43"/>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="44"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="45"/>
        <source>Label format</source>
        <translation>面单格式</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="46"/>
        <source>Label size</source>
        <translation>面单尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="47"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="48"/>
        <source>Weight tolerance (%)</source>
        <translation>重量误差（%）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="49"/>
        <source>Weight tolerance, at least (g)</source>
        <translation>最小重量误差（g）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="50"/>
        <source>Chinese text on ZPL labels</source>
        <translation>ZPL 面单中文</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="54"/>
        <source>4 × 6 in</source>
        <translation>4 × 6 英寸</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="55"/>
        <source>100 × 150 mm</source>
        <translation>100 × 150 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="56"/>
        <source>76 × 130 mm</source>
        <translation>76 × 130 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="57"/>
        <source>100 × 180 mm</source>
        <translation>100 × 180 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="61"/>
        <source>as a picture (any printer)</source>
        <translation>图片方式（任意打印机）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="62"/>
        <source>printer font (^CI28)</source>
        <translation>打印机字体（^CI28）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="75"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="165"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="168"/>
        <source>Settings take no scans: type the values.</source>
        <translation>设置页不接受扫描：请手动输入。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="192"/>
        <source>Not saved: correct the values in red.</source>
        <translation>未保存：请修改标红的项。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="198"/>
        <source>Cannot write the settings file: {detail}</source>
        <translation>无法写入设置文件：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="200"/>
        <source>Not saved: the settings file cannot be written.</source>
        <translation>未保存：设置文件无法写入。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="211"/>
        <source>Saved in {path}. The new scanner or scale works after a restart.</source>
        <translation>已保存到 {path}。新扫码枪或电子秤需重启后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="216"/>
        <source>Saved in {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="248"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="251"/>
        <source>Printer, labels and tolerance apply to the next parcel; a new scanner or scale after the station is started again.</source>
        <translation>打印机、面单和重量误差从下一个包裹起生效；新扫码枪或电子秤需重启工作站后生效。</translation>
    </message>
</context>
<context>
    <name>ShiftReportTab</name>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="93"/>
        <source>Shift report</source>
        <translation>班次报表</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="94"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="95"/>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="96"/>
        <source>Per worker</source>
        <translation>按人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="97"/>
        <source>Per station</source>
        <translation>按工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="98"/>
        <source>Per hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="99"/>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="100"/>
        <source>Exceptions</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="101"/>
        <source>Worker</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="102"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="103"/>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="104"/>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="105"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="106"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="107"/>
        <source>Shorts</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="108"/>
        <source>Scans</source>
        <translation>扫描数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="109"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="110"/>
        <source>Mis-scan</source>
        <translation>误扫率</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="111"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="112"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="113"/>
        <source>Lines/h</source>
        <translation>行/小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="114"/>
        <source>Units/h</source>
        <translation>件/小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="115"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="116"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="124"/>
        <source>The report must end after it starts.</source>
        <translation>报表结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="129"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="129"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="132"/>
        <source>Save the shift report</source>
        <translation>保存班次报表</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="138"/>
        <source>Writing {path}…</source>
        <translation>正在写入 {path}…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="142"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="143"/>
        <source>Shift report saved.</source>
        <translation>班次报表已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="148"/>
        <source>The shift report could not be saved: {error}</source>
        <translation>班次报表保存失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="159"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="159"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="160"/>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/report_tab.py" line="161"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
</context>
<context>
    <name>Shipping</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="166"/>
        <source>No parcel has the waybill {tracking_no}</source>
        <translation>没有运单号为 {tracking_no} 的包裹</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="167"/>
        <source>Waybill {tracking_no} was voided: take the parcel back to packing for its new label</source>
        <translation>运单 {tracking_no} 已作废：请把包裹送回打包台换新面单</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="171"/>
        <source>Waybill {tracking_no} is {carrier}, this truck is {loading}: put it aside</source>
        <translation>运单 {tracking_no} 属于{carrier}，本车是{loading}：请放到一边</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="174"/>
        <source>STOP: order {order_no} was cancelled after packing. Do not ship, take the parcel to returns</source>
        <translation>停！订单 {order_no} 打包后已取消。不要发货，请把包裹送到退货区</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="178"/>
        <source>No tracking numbers left for {carrier}: ask a supervisor to add a range</source>
        <translation>{carrier} 运单号已用完：请主管添加号段</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="181"/>
        <source>{carrier} is not a known carrier</source>
        <translation>{carrier} 不是已知的快递公司</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="182"/>
        <source>{rule} is not a check-digit rule</source>
        <translation>{rule} 不是校验位规则</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="183"/>
        <source>The range {start}…{end} must run upwards from 0 and fit in {digits} digits</source>
        <translation>号段 {start}…{end} 必须从 0 起递增，且不超过 {digits} 位</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="186"/>
        <source>A serial has 1 to 30 digits, not {digits}</source>
        <translation>流水号为 1 到 30 位，不能是 {digits} 位</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="187"/>
        <source>{number} does not look like a {carrier} tracking number, so scanners would not read it as one: check the prefix, digits and range</source>
        <translation>{number} 不像{carrier}的运单号，扫码时不会被识别为运单：请检查前缀、位数和号段</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="192"/>
        <source>The {carrier} pool cannot make tracking numbers: check the prefix, digits and range</source>
        <translation>{carrier} 号段无法生成运单号：请检查前缀、位数和号段</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="196"/>
        <source>{carrier} pool {pool_id} already covers numbers of this range</source>
        <translation>{carrier} 号段 {pool_id} 已包含这个号段中的号码</translation>
    </message>
</context>
<context>
    <name>ShortDialog</name>
    <message>
        <location filename="../../ui/screens/picking.py" line="59"/>
        <source>Missing: the bin holds fewer</source>
        <translation>少货：库位数量不足</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="60"/>
        <source>Damaged: units cannot be sold</source>
        <translation>破损：商品无法销售</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="61"/>
        <source>Wrong quantity in the bin</source>
        <translation>库位数量不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="70"/>
        <source>Short pick of {sku}: {left} still to take</source>
        <translation>{sku} 缺货：还需拣 {left} 件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="72"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="73"/>
        <source>Good units found</source>
        <translation>找到的良品数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/picking.py" line="81"/>
        <source>Short pick</source>
        <translation>缺货</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="88"/>
        <location filename="../../ui/screens/sign_in.py" line="172"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="95"/>
        <source>That was not a badge ({code}). Scan your badge.</source>
        <translation>这不是工牌（{code}）。请扫描您的工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="100"/>
        <source>Scan your badge first.</source>
        <translation>请先扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="118"/>
        <source>Scan your badge.</source>
        <translation>请扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="122"/>
        <source>The station is still connecting to the database: try again in a moment.</source>
        <translation>工作站正在连接数据库：请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="128"/>
        <source>Checking badge {badge}…</source>
        <translation>正在核验工牌 {badge}…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="145"/>
        <source>Welcome, {name} ({role}).</source>
        <translation>欢迎，{name}（{role}）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="164"/>
        <source>Scan your badge</source>
        <translation>请扫描工牌</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="167"/>
        <source>Station {station}</source>
        <translation>工作站 {station}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="169"/>
        <source>Station {station}: connecting to the database…</source>
        <translation>工作站 {station}：正在连接数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="171"/>
        <source>or type your badge number and press Enter</source>
        <translation>或输入工牌号后按回车</translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="254"/>
        <source>The station name {name} is not usable: give one like HZ1-PACK-01</source>
        <translation>工作站名称 {name} 不可用：请填写类似 HZ1-PACK-01 的名称</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="257"/>
        <source>The station has no name: give one like HZ1-PACK-01</source>
        <translation>工作站没有名称：请填写类似 HZ1-PACK-01 的名称</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="260"/>
        <source>Station kind {kind} is unknown</source>
        <translation>未知的工作站类型 {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="261"/>
        <source>There is no warehouse {warehouse} for this station</source>
        <translation>本工作站所填的仓库 {warehouse} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="264"/>
        <source>A journal entry of kind {kind} cannot be replayed</source>
        <translation>类型为 {kind} 的离线记录无法补传</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="267"/>
        <source>The central database could not take this scan: {detail}</source>
        <translation>中心数据库无法接收此扫描：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="271"/>
        <source>unknown label format {value!r}: choose one of {allowed}</source>
        <translation>未知面单格式 {value!r}：请从 {allowed} 中选择</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="274"/>
        <source>unknown label size {value!r}: choose one of {allowed}</source>
        <translation>未知面单尺寸 {value!r}：请从 {allowed} 中选择</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="277"/>
        <source>unknown language {value!r}: choose one of {allowed}</source>
        <translation>未知语言 {value!r}：请从 {allowed} 中选择</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="280"/>
        <source>unknown way to print Chinese in ZPL {value!r}: choose one of {allowed}</source>
        <translation>未知的 ZPL 中文打印方式 {value!r}：请从 {allowed} 中选择</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="283"/>
        <source>the weight tolerance must be between 0 and 100 percent, not {value:g}</source>
        <translation>重量误差须在 0 到 100% 之间，不能是 {value:g}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="286"/>
        <source>the weight tolerance must be between 0 and 100000 grams, not {value}</source>
        <translation>重量误差须在 0 到 100000 克之间，不能是 {value}</translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../../ui/shell/header.py" line="134"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="136"/>
        <source>Nobody signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="139"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="141"/>
        <source>Virtual scale</source>
        <translation>虚拟电子秤</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="142"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../../ui/shell/window.py" line="287"/>
        <source>Cannot reach the database — scans may not be saved. Retrying… ({detail})</source>
        <translation>无法连接数据库——扫描可能未保存，正在重试…（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="303"/>
        <source>Close the open window first: the scan was not used.</source>
        <translation>请先关闭已打开的窗口：本次扫描无效。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="316"/>
        <source>{name} is signed in already.</source>
        <translation>{name} 已登录。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="326"/>
        <source>This screen takes no scans.</source>
        <translation>此页面不接受扫描。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="360"/>
        <source>{name} signed out. Scan your badge.</source>
        <translation>{name} 已退出。请扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="373"/>
        <source>This screen could not be opened: {detail}</source>
        <translation>无法打开此页面：{detail}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/i18n/language.py" line="47"/>
        <source>Received</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="48"/>
        <source>On hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="49"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="50"/>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="51"/>
        <source>Waved</source>
        <translation>已波次</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="52"/>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="53"/>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="54"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="55"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="56"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/language.py" line="57"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="292"/>
        <source>Give a reason: every supervisor action is recorded with who and why.</source>
        <translation>请填写原因：主管的每个操作都会记录操作人和原因。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="295"/>
        <source>The reason is {length} characters long; keep it under {limit}.</source>
        <translation>原因有 {length} 个字符，请控制在 {limit} 个以内。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="298"/>
        <source>That hold was released already.</source>
        <translation>该挂起已解除。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="299"/>
        <source>Nobody holds that task.</source>
        <translation>该任务无人领取。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="300"/>
        <source>Someone changed it at another station meanwhile; look again.</source>
        <translation>已有人在其他工作站修改，请重新查看。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="303"/>
        <source>That person is not an active user.</source>
        <translation>该人员不是在用账号。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="304"/>
        <source>The order is shipped, completed or cancelled: it cannot be cancelled.</source>
        <translation>订单已发货、已完成或已取消：无法取消。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="307"/>
        <source>No refused weight is waiting for an approval on that order.</source>
        <translation>该订单没有待批准的称重异常。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="310"/>
        <source>That print job is not a failed one.</source>
        <translation>该打印任务并未失败。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="311"/>
        <source>The wave is not in a state this applies to.</source>
        <translation>波次当前状态不能执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="312"/>
        <source>That order has nothing to intercept.</source>
        <translation>该订单没有需处理的拦截。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="313"/>
        <source>It is not there any more; look again.</source>
        <translation>该记录已不存在，请重新查看。</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="125"/>
        <source>Scan a supervisor&apos;s badge, or close this window first.</source>
        <translation>请扫描主管工牌，或先关闭此窗口。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="146"/>
        <source>Scan or type the supervisor&apos;s badge.</source>
        <translation>请扫描或输入主管工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="149"/>
        <source>Enter the PIN.</source>
        <translation>请输入 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="152"/>
        <source>Say why, in a few words.</source>
        <translation>请简要说明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="158"/>
        <source>Checking…</source>
        <translation>核验中…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="202"/>
        <source>Supervisor approval</source>
        <translation>主管审批</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="203"/>
        <source>A supervisor scans their badge, enters their PIN and says why.</source>
        <translation>主管扫描工牌、输入 PIN 码并填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="204"/>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="204"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="204"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supervisor.py" line="206"/>
        <source>for example: parcel weighs more, carton changed</source>
        <translation>例如：包裹偏重，换了箱型</translation>
    </message>
</context>
<context>
    <name>SupervisorScreen</name>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="116"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="125"/>
        <source>Order {order} has no exception.</source>
        <translation>订单 {order} 没有异常。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="131"/>
        <source>Order {order}: {kind}</source>
        <translation>订单 {order}：{kind}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="238"/>
        <source>Exceptions ({count})</source>
        <translation>异常（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="238"/>
        <source>Exceptions</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="199"/>
        <source>Give a reason: every supervisor action is recorded with who and why.</source>
        <translation>请填写原因：主管的每个操作都会记录操作人和原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="170"/>
        <source>Hold released on order {order}.</source>
        <translation>订单 {order} 已解除挂起。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="171"/>
        <source>Task released; it is open for the next picker.</source>
        <translation>任务已释放，可由下一位拣货员领取。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="172"/>
        <source>Task given to {name}.</source>
        <translation>任务已转交给 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="174"/>
        <source>Order {order} cancelled: intercept it at packing.</source>
        <translation>订单 {order} 已取消：将在打包时拦截。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="176"/>
        <source>Order {order} cancelled; its stock is released.</source>
        <translation>订单 {order} 已取消，库存已释放。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="179"/>
        <source>Interception of order {order} resolved.</source>
        <translation>订单 {order} 拦截已处理。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="182"/>
        <source>Weight override approved for order {order}.</source>
        <translation>已批准订单 {order} 按此重量放行。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="184"/>
        <source>The label is queued again.</source>
        <translation>面单已重新排队打印。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="185"/>
        <source>Wave {wave} paused.</source>
        <translation>波次 {wave} 已暂停。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="186"/>
        <source>Wave {wave} resumed.</source>
        <translation>波次 {wave} 已恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="188"/>
        <source>Wave {wave}: {removed} tasks taken back, {kept} stay.</source>
        <translation>波次 {wave}：收回 {removed} 个任务，保留 {kept} 个。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="193"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="201"/>
        <source>Only a supervisor may do this.</source>
        <translation>仅主管可执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="202"/>
        <source>That hold was released already.</source>
        <translation>该挂起已解除。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="203"/>
        <source>That task is finished already.</source>
        <translation>该任务已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="204"/>
        <source>Nobody holds that task.</source>
        <translation>该任务无人领取。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="205"/>
        <source>Someone changed it at another station meanwhile; look again.</source>
        <translation>已有人在其他工作站修改，请重新查看。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="206"/>
        <source>That person is not an active user.</source>
        <translation>该人员不是在用账号。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="208"/>
        <source>The order is shipped, completed or cancelled: it cannot be cancelled.</source>
        <translation>订单已发货、已完成或已取消：无法取消。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="211"/>
        <source>No refused weight is waiting for an approval on that order.</source>
        <translation>该订单没有待批准的称重异常。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="213"/>
        <source>That print job is not a failed one.</source>
        <translation>该打印任务并未失败。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="214"/>
        <source>The wave is not in a state this applies to.</source>
        <translation>波次当前状态不能执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="215"/>
        <source>That order has nothing to intercept.</source>
        <translation>该订单没有需处理的拦截。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="216"/>
        <source>It is not there any more; look again.</source>
        <translation>该记录已不存在，请重新查看。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="226"/>
        <source>Cannot refresh: {error}</source>
        <translation>无法刷新：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="231"/>
        <source>Updated at {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="250"/>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="251"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="253"/>
        <source>Throughput</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="254"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/screen.py" line="258"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>ThroughputCharts</name>
    <message>
        <location filename="../../ui/screens/supervisor/charts.py" line="105"/>
        <source>Units/hour</source>
        <translation>件/小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/charts.py" line="133"/>
        <source>Units picked</source>
        <translation>拣货件数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/charts.py" line="136"/>
        <source>Orders packed</source>
        <translation>打包订单数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/charts.py" line="163"/>
        <source>Units per hour, by worker</source>
        <translation>每人每小时件数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/charts.py" line="164"/>
        <source>Per hour</source>
        <translation>按小时</translation>
    </message>
</context>
<context>
    <name>ThroughputTab</name>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="76"/>
        <source>From {start} to {end}, in {minutes}-minute steps</source>
        <translation>{start} 至 {end}，每 {minutes} 分钟一格</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="117"/>
        <source>{wave} finishes about {finish}, after its {cutoff} cut-off</source>
        <translation>{wave} 预计 {finish} 完成，晚于截单时间 {cutoff}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="125"/>
        <source>{wave}: no pick rate and the cut-off is at {cutoff}</source>
        <translation>{wave}：暂无拣货速度，截单时间 {cutoff}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="130"/>
        <source>Cut-off at risk: {waves}</source>
        <translation>可能赶不上截单：{waves}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="140"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="141"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="142"/>
        <source>Lines/h</source>
        <translation>行/小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="143"/>
        <source>Units/h</source>
        <translation>件/小时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="144"/>
        <source>Scans</source>
        <translation>扫描数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="145"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="146"/>
        <source>Mis-scan</source>
        <translation>误扫率</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="147"/>
        <source>Shorts</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="148"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="149"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="151"/>
        <source>Worker</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/throughput_tab.py" line="152"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
</context>
<context>
    <name>Warehouse</name>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="317"/>
        <source>There is no warehouse {warehouse}.</source>
        <translation>仓库 {warehouse} 不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="318"/>
        <source>There is no tote {tote}</source>
        <translation>周转箱 {tote} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="319"/>
        <source>The number of totes to add must be between 1 and {most}, not {count}.</source>
        <translation>新增周转箱数量须在 1 到 {most} 之间，不能是 {count}。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="322"/>
        <source>Tote numbers start at 1; {start} cannot be the first.</source>
        <translation>周转箱编号从 1 开始，不能从 {start} 开始。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="325"/>
        <source>These tote codes exist already: {taken}. Choose another start number.</source>
        <translation>以下周转箱编码已存在：{taken}。请换一个起始编号。</translation>
    </message>
    <message>
        <location filename="../../ui/i18n/refusals.py" line="328"/>
        <source>{status} is not a tote status.</source>
        <translation>{status} 不是周转箱状态。</translation>
    </message>
</context>
<context>
    <name>WavesTab</name>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="126"/>
        <source>picked</source>
        <translation>已拣完</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="128"/>
        <source>no pick rate</source>
        <translation>无拣货速度</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="152"/>
        <source>Pause wave {wave}</source>
        <translation>暂停波次 {wave}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="153"/>
        <source>Why pause it? Open tasks are not handed out until it is resumed.</source>
        <translation>暂停原因？恢复前，待领取的任务不再分配。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="161"/>
        <source>Resume wave {wave}</source>
        <translation>恢复波次 {wave}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="162"/>
        <source>Why resume it now?</source>
        <translation>恢复原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="170"/>
        <source>Cancel wave {wave}</source>
        <translation>取消波次 {wave}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="172"/>
        <source>Tasks nobody has started are taken back and their orders wait for the next wave; tasks being picked stay. Why cancel?</source>
        <translation>未开始的任务将收回，其订单等下一波次；正在拣的任务保留。取消原因？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="190"/>
        <source>{waves} waves built for {orders} orders.</source>
        <translation>已为 {orders} 个订单生成 {waves} 个波次。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="203"/>
        <source>Single-unit</source>
        <translation>单品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="203"/>
        <source>Multi-item</source>
        <translation>多品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="207"/>
        <source>Released</source>
        <translation>已下发</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="208"/>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="209"/>
        <source>Picked</source>
        <translation>已拣完</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="210"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="211"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="217"/>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="218"/>
        <source>Carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="219"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="220"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="221"/>
        <source>Cut-off</source>
        <translation>截单时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="222"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="223"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="224"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="225"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="226"/>
        <source>Pickers</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="227"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="228"/>
        <source>Est. finish</source>
        <translation>预计完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="231"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="232"/>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="233"/>
        <source>Cancel wave…</source>
        <translation>取消波次…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor/waves_tab.py" line="234"/>
        <source>Build waves…</source>
        <translation>生成波次…</translation>
    </message>
</context>
<context>
    <name>WeightDialog</name>
    <message>
        <location filename="../../ui/screens/packing.py" line="110"/>
        <source>Weight does not match</source>
        <translation>重量不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="115"/>
        <source>Weigh again</source>
        <translation>重新称重</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="116"/>
        <source>Supervisor override…</source>
        <translation>主管放行…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/packing.py" line="117"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
