"""What an operator publishes at once: vacancies (the institution's and each class's, dated today),
opening hours, 入托须知 and photos. Every change is saved on the Institution and logged as a
PublishedChange (who, when, old → new)."""

from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from directory.models import EnrolmentStep, InstitutionPhoto
from operators.models import PublishedChange


def _log(institution, user, field, old, new):
    PublishedChange.objects.create(
        institution=institution, user=user, field=field, old_value=str(old), new_value=str(new)
    )


def _dated(value, day):
    return f"{value}（{day:%Y-%m-%d}）" if day else f"{value}（未注明日期）"


@transaction.atomic
def publish_vacancies(institution, user, vacancies, class_vacancies):
    """Sets the vacancies and dates them today, even when the figure is unchanged: a confirmed figure is a
    fresh one. `class_vacancies` maps each class's pk to its vacancies."""
    today = timezone.localdate()
    _log(
        institution,
        user,
        "空余托位",
        _dated(institution.vacancies, institution.vacancies_updated_at),
        _dated(vacancies, today),
    )
    institution.vacancies = vacancies
    institution.vacancies_updated_at = today
    institution.save(update_fields=["vacancies", "vacancies_updated_at", "updated_at"])
    for each in institution.classes.all():
        if each.pk not in class_vacancies:
            continue
        new = class_vacancies[each.pk]
        _log(
            institution,
            user,
            f"空余名额：{each}",
            _dated(each.vacancies, each.vacancies_updated_at),
            _dated(new, today),
        )
        each.vacancies = new
        each.vacancies_updated_at = today
        each.save(update_fields=["vacancies", "vacancies_updated_at"])


@transaction.atomic
def publish_fields(institution, user, values, labels):
    """Saves the changed text fields among `values` ({field: value}) and logs each; returns how many."""
    changed = [field for field, value in values.items() if getattr(institution, field) != value]
    for field in changed:
        _log(
            institution,
            user,
            labels[field],
            getattr(institution, field) or "（空）",
            values[field] or "（空）",
        )
        setattr(institution, field, values[field])
    if changed:
        institution.save(update_fields=[*changed, "updated_at"])
    return len(changed)


@transaction.atomic
def add_photo(institution, user, upload, caption):
    image = get_image_model().objects.create(
        title=f"{institution.name}：{caption}",
        file=upload,
        collection=Collection.get_first_root_node(),
        uploaded_by_user=user,
    )
    photo = InstitutionPhoto.objects.create(
        institution=institution, image=image, caption=caption, sort_order=institution.photos.count()
    )
    _log(institution, user, "机构照片", "（新增）", caption)
    return photo


@transaction.atomic
def remove_photo(photo, user):
    _log(photo.institution, user, "机构照片", photo.caption, "（已删除）")
    image = photo.image
    photo.delete()
    image.delete()


@transaction.atomic
def publish_enrolment_steps(institution, user, steps):
    """Replaces the institution's 入托流程 with `steps` ([(title, detail)]) when they differ; True if so."""
    current = [(step.title, step.detail) for step in institution.enrolment_steps.all()]
    if current == steps:
        return False
    _log(institution, user, "入托流程", steps_text(current) or "（空）", steps_text(steps) or "（空）")
    institution.enrolment_steps.all().delete()
    EnrolmentStep.objects.bulk_create(
        EnrolmentStep(institution=institution, title=title, detail=detail, sort_order=order)
        for order, (title, detail) in enumerate(steps)
    )
    return True


def steps_text(steps):
    """入托流程 as the form shows it and the log keeps it: one "步骤：说明" a line."""
    return "\n".join(f"{title}：{detail}" if detail else title for title, detail in steps)
