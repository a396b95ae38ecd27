<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>HoldReason</name>
    <message>
        <location filename="../../ui/i18n.py" line="58"/>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="59"/>
        <source>Address incomplete</source>
        <translation>地址不完整</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="60"/>
        <source>Invalid phone</source>
        <translation>电话无效</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="61"/>
        <source>Unknown product</source>
        <translation>未知商品</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="62"/>
        <source>Price mismatch</source>
        <translation>价格异常</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="63"/>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="64"/>
        <source>Buyer remark</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="65"/>
        <source>Blacklisted</source>
        <translation>黑名单</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>Cannot read from the database — what you see may be out of date. Retrying… ({detail})</source>
        <translation>无法读取数据库——当前显示的数据可能已过期，正在重试…（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="276"/>
        <source>Select an order to see its details.</source>
        <translation>选择一个订单以查看详情。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="277"/>
        <source>On hold because</source>
        <translation>挂起原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="278"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="279"/>
        <source>Buyer remark</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="280"/>
        <source>Lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="282"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="282"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="282"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="282"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="313"/>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="314"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="315"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="318"/>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="320"/>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="334"/>
        <source>INTERCEPTED — stop this order: {why}</source>
        <translation>已拦截——请停止处理此订单：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="375"/>
        <source>Split from order {order}</source>
        <translation>拆分自订单 {order}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="377"/>
        <source>Split into: {orders}</source>
        <translation>已拆分为：{orders}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="380"/>
        <source>Shipment {tracking} ({carrier}): {status}</source>
        <translation>运单 {tracking}（{carrier}）：{status}</translation>
    </message>
</context>
<context>
    <name>OrdersBoard</name>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="507"/>
        <source>Orders board</source>
        <translation>订单看板</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="571"/>
        <source>Showing the first {shown} of {total} orders</source>
        <translation>显示前 {shown} 个订单，共 {total} 个</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="575"/>
        <source>{shown} orders</source>
        <translation>共 {shown} 个订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_board.py" line="589"/>
        <source>All orders</source>
        <translation>全部订单</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="81"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="82"/>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="83"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="84"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="85"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="86"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders_table.py" line="87"/>
        <source>Province / city</source>
        <translation>省 / 市</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <location filename="../../ui/i18n.py" line="50"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="51"/>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="52"/>
        <source>Partly paid</source>
        <translation>部分付款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="53"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="54"/>
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/i18n.py" line="36"/>
        <source>Received</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="37"/>
        <source>On hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="38"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="39"/>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="40"/>
        <source>Waved</source>
        <translation>已波次</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="41"/>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="42"/>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="43"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="44"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="45"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="46"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
</TS>
