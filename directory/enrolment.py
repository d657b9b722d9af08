"""入托须知 as a parent reads it: the institution's own steps, materials and visiting times, or, where a
directory manager has not filled them in yet, the usual way with a note to call and ask.

The usual way follows the national rules every filed institution works under: a visit first, the 入托
健康检查 (托儿所幼儿园卫生保健管理办法) before the first day, and a written 托育服务协议.
"""

from dataclasses import dataclass, field

USUAL_STEPS = (
    ("电话咨询，预约参观", "了解空余托位、班级和收费，约定参观时间。"),
    ("实地参观", "看看活动室、睡眠区、卫生间和户外场地，了解一日生活安排。"),
    ("入托健康检查", "到妇幼保健机构或指定的医疗机构做入托体检，取得健康检查表。"),
    ("签订托育服务协议", "核对服务内容、收费标准和退费办法；预收费用一般不超过 1 个月。"),
)
USUAL_MATERIALS = (
    "婴幼儿出生医学证明或户口簿",
    "预防接种证",
    "入托健康检查表",
    "监护人身份证件",
)
CALL_TO_ASK = "请致电机构咨询"


@dataclass
class EnrolmentGuide:
    steps: list = field(default_factory=list)  # [(title, detail)]
    materials: list = field(default_factory=list)
    visiting_times: str = ""
    steps_are_usual: bool = False
    materials_are_usual: bool = False

    @property
    def all_usual(self):
        return self.steps_are_usual and self.materials_are_usual and self.visiting_times == CALL_TO_ASK


def enrolment_guide(institution):
    """The institution's 入托须知 (prefetch `enrolment_steps`), falling back to the usual way per part."""
    steps = [(step.title, step.detail) for step in institution.enrolment_steps.all()]
    materials = [line.strip(" ；;、，,") for line in institution.enrolment_materials.splitlines()]
    materials = [line for line in materials if line]
    return EnrolmentGuide(
        steps=steps or list(USUAL_STEPS),
        materials=materials or list(USUAL_MATERIALS),
        visiting_times=institution.visiting_times.strip() or CALL_TO_ASK,
        steps_are_usual=not steps,
        materials_are_usual=not materials,
    )
