from ninja import NinjaAPI

api = NinjaAPI(
    title="Gongkai API",
    version="1",
    description="公开平台 JSON 接口。公开数据无需登录；工作人员接口使用登录会话并校验 CSRF。",
    urls_namespace="api",
)
